import type { BubbleLabels } from "../i18n/bubble-labels";
import { styleSheet } from "../shared/style-sheet";
import { CLOSE_ICON, svgIcon } from "../shared/svg-icon";
import BUBBLE_CSS from "./bubble.css?inline";

const CHAT_ICON = '<path fill="currentColor" d="M12 3a10 8.6 0 0 0-7.3 14.5L4 21.5l4.9-2.2A10 8.6 0 1 0 12 3z"/>';

const make = <K extends keyof HTMLElementTagNameMap>(tag: K, props: Partial<HTMLElementTagNameMap[K]> = {}): HTMLElementTagNameMap[K] =>
  Object.assign(document.createElement(tag), props);

/**
 * The widget's footprint on the host page: one custom element (no host rule for `div` can reach
 * it), a shadow root the page's CSS cannot enter, and the bubble inside it.
 */
export class Bubble {
  readonly #host = document.createElement("parley-widget");
  readonly shadow = this.#host.attachShadow({ mode: "open" });
  readonly root = make("div", { className: "parley" });
  /** Where the panel renders once loaded. */
  readonly slot = make("div");
  readonly button = make("button", { type: "button", className: "launcher" });
  readonly #labels: BubbleLabels;
  #open = false;
  #unreadLabel = "";

  constructor(labels: BubbleLabels, onClick: () => void) {
    this.#labels = labels;
    // An inline !important declaration outranks every stylesheet rule, even `* { all: unset !important }`.
    // Set through the CSSOM, which a strict CSP allows; a `style` attribute it would block.
    this.#host.style.setProperty("all", "initial", "important");
    this.button.setAttribute("aria-haspopup", "dialog");
    this.button.append(svgIcon("c", CHAT_ICON), svgIcon("x", CLOSE_ICON));
    this.button.addEventListener("click", onClick);
    this.root.append(this.slot, this.button);
    this.shadow.adoptedStyleSheets = [styleSheet(BUBBLE_CSS)];
    this.shadow.append(this.root);
    // On the root, beside the body: single-page apps replace or empty the body (Turbo, an app
    // mounted on it), and a page still parsing its head has none. The top layer makes the place
    // unimportant.
    document.documentElement.append(this.#host);
    // In the top layer no ancestor's transform, filter or stacking moves or covers the widget;
    // browsers without popovers keep it where it was appended.
    this.#host.popover = "manual";
    this.#host.showPopover?.();
    this.#render();
  }

  setOpen(open: boolean): void {
    this.#open = open;
    this.#render();
  }

  /** The unread replies in words for the button's label ("3 unread"), "" for none. */
  setUnread(label: string): void {
    this.#unreadLabel = label;
    this.#render();
  }

  /** True when keyboard focus is somewhere inside the widget. */
  hasFocus(): boolean {
    return this.shadow.activeElement !== null;
  }

  remove(): void {
    this.#host.remove();
  }

  #render(): void {
    const open = this.#open;
    const labels = this.#labels;
    this.root.classList.toggle("open", open);
    this.button.setAttribute("aria-expanded", String(open));
    const label = open ? labels.closeChat : labels.openChat;
    this.button.setAttribute("aria-label", this.#unreadLabel && !open ? `${label} (${this.#unreadLabel})` : label);
  }
}
