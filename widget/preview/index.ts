import type { UnreadReplies } from "@parley/protocol";
import type { PanelHost, PreviewBubble } from "../contract";
import { loadTranslator } from "../i18n";
import { previewDismissedKey } from "../shared/keys";
import { readStored, writeStored } from "../shared/storage";
import { styleSheet } from "../shared/style-sheet";
import { CLOSE_ICON, svgIcon } from "../shared/svg-icon";
import PREVIEW_CSS from "./preview.css?inline";

/** How much of a reply the preview shows, in code points; the card clamps it to three lines too. */
const PREVIEW_MAX = 140;

const excerpt = (text: string): string => {
  const points = Array.from(text.trim());
  return points.length > PREVIEW_MAX ? `${points.slice(0, PREVIEW_MAX).join("")}…` : points.join("");
};

const make = <K extends keyof HTMLElementTagNameMap>(tag: K, className: string): HTMLElementTagNameMap[K] =>
  Object.assign(document.createElement(tag), { className });

/**
 * The unread replies on the bubble (SPEC §9): the badge, its count in words in the button's label, and a card above
 * the bubble with who replied and the start of it ("Ada: Thanks! A label is on…") that opens the
 * chat. Dismissing the card hides it until a newer reply; the badge stays until the replies are read.
 * Returns what shows each new state, from session init, the panel or another tab.
 */
export async function startPreview(host: PanelHost, bubble: PreviewBubble): Promise<(unread: UnreadReplies) => void> {
  const t = await loadTranslator(host.locale, host.options.strings);
  const dismissedKey = previewDismissedKey(host.options.siteKey, host.session().session_id);
  bubble.shadow.adoptedStyleSheets = [...bubble.shadow.adoptedStyleSheets, styleSheet(PREVIEW_CSS)];

  // Beside the button, not in it: the button's name says the count in words ("2 unread"), and
  // text inside it that its name lacks (a bare "2", not in Arabic's words at all) fails WCAG 2.5.3.
  const badge = make("span", "badge");
  badge.setAttribute("aria-hidden", "true");
  bubble.root.append(badge);

  const card = make("div", "preview");
  const open = make("button", "preview-open");
  const name = make("span", "preview-name");
  const text = make("span", "preview-text");
  const dismiss = make("button", "preview-dismiss");
  open.type = dismiss.type = "button";
  text.dir = "auto";
  dismiss.setAttribute("aria-label", t("dismissPreview"));
  dismiss.append(svgIcon("", CLOSE_ICON));
  open.append(name, text);
  card.append(open, dismiss);
  card.hidden = true;
  bubble.root.insertBefore(card, bubble.button);

  let latestSeq = 0;
  open.addEventListener("click", () => host.requestOpen());
  dismiss.addEventListener("click", () => {
    writeStored(dismissedKey, latestSeq);
    card.hidden = true;
    bubble.button.focus();
  });
  // Escape dismisses it too, as it would close any small popup; the page still hears the key.
  card.addEventListener("keydown", (event) => event.key === "Escape" && dismiss.click());
  // Dismissed in another tab of the site: gone here too (the storage event comes from other tabs only).
  addEventListener("storage", (event) => {
    if (event.key === dismissedKey && latestSeq <= Number(event.newValue)) card.hidden = true;
  });

  return ({ count, latest }) => {
    badge.textContent = count ? String(Math.min(count, 99)) : "";
    bubble.setUnread(count ? t("unread", { count }) : "");
    latestSeq = latest?.seq ?? 0;
    const dismissed = readStored<number>(dismissedKey) ?? 0;
    card.hidden = count === 0 || latest === null || latest.seq <= dismissed;
    if (!latest) return;
    name.textContent = latest.sender_name;
    text.textContent = excerpt(latest.content);
  };
}
