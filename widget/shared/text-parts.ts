/** A piece of message text: plain, or a web address to show as a link. */
export type TextPart = { kind: "text"; text: string } | { kind: "link"; text: string };

const WEB_ADDRESS = /\bhttps?:\/\/[^\s<>"']*[^\s<>"'.,;:!?)\]]/gi;

/**
 * Splits message text so addresses can become links while everything else stays a text node:
 * content is never parsed as HTML, and no scheme but http(s) (javascript:, data:) can become a
 * link. Shared by the widget and the dashboard.
 */
export function splitLinks(text: string): TextPart[] {
  const parts: TextPart[] = [];
  let last = 0;
  for (const match of text.matchAll(WEB_ADDRESS)) {
    if (match.index > last) parts.push({ kind: "text", text: text.slice(last, match.index) });
    parts.push({ kind: "link", text: match[0] });
    last = match.index + match[0].length;
  }
  if (last < text.length) parts.push({ kind: "text", text: text.slice(last) });
  return parts;
}
