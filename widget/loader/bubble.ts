import type { BubbleLabels } from "../i18n/bubble-labels";
import { styleSheet } from "../shared/style-sheet";
import BUBBLE_CSS from "./bubble.css?inline";

const CHAT_ICON = '<path fill="currentColor" d="M12 3a10 8.6 0 0 0-7.3 14.5L4 21.5l4.9-2.2A10 8.6 0 1 0 12 3z"/>';
const CLOSE_ICON = '<path d="M6 6l12 12M18 6 6 18" stroke="currentColor" stroke-width="2.4" stroke-linecap="round"/>';

/** An icon from constant markup, parsed as SVG: no HTML parsing of anything, ever. */
const iconOf = (className: string, paths: string): Element =>
  new DOMParser().parseFromString(`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24" class="${className}" aria-hidden="true">${paths}</svg>`, "image/svg+xml")
    .documentElement;

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
  readonly #badge = make("span", { className: "badge" });
  readonly #labels: BubbleLabels;
  #open = false;
  #unread = 0;
  #unreadLabel = "";

  constructor(labels: BubbleLabels, onClick: () => void) {
    this.#labels = labels;
    // An inline !important declaration outranks every stylesheet rule, even `* { all: unset !important }`.
    // Set through the CSSOM, which a strict CSP allows; a `style` attribute it would block.
    this.#host.style.setProperty("all", "initial", "important");
    this.button.setAttribute("aria-haspopup", "dialog");
    this.#badge.setAttribute("aria-hidden", "true");
    this.button.append(iconOf("c", CHAT_ICON), iconOf("x", CLOSE_ICON), this.#badge);
    this.button.addEventListener("click", onClick);
    this.root.append(this.slot, this.button);
    this.shadow.adoptedStyleSheets = [styleSheet(BUBBLE_CSS)];
    this.shadow.append(this.root);
    document.body.append(this.#host);
    this.#render();
  }

  setOpen(open: boolean): void {
    this.#open = open;
    this.#render();
  }

  /** `label` is the count in words, from the panel ("3 unread"). */
  setUnread(count: number, label: string): void {
    this.#unread = count;
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
    const unread = this.#unread;
    const labels = this.#labels;
    this.root.classList.toggle("open", open);
    this.button.setAttribute("aria-expanded", String(open));
    this.#badge.textContent = unread > 0 ? String(Math.min(unread, 99)) : "";
    const label = open ? labels.closeChat : labels.openChat;
    this.button.setAttribute("aria-label", unread > 0 && !open ? `${label} (${this.#unreadLabel})` : label);
  }
}
