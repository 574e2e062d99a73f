/** A piece of message text: plain, or a web address to show as a link to `href`. */
export type TextPart = { kind: "text"; text: string } | { kind: "link"; text: string; href: string };

/**
 * An http(s) address, or a bare `www.host.tld…` (not inside a word, an email address or a path);
 * never its closing punctuation.
 */
const WEB_ADDRESS = /\bhttps?:\/\/[^\s<>"']*[^\s<>"'.,;:!?)\]]|(?<![\w@./-])www\.[^\s<>"'.]+\.[^\s<>"']*[^\s<>"'.,;:!?)\]]/gi;

/**
 * Splits message text so addresses can become links while everything else stays a text node:
 * content is never parsed as HTML, and no scheme but http(s) (javascript:, data:) can become a
 * link. "www.example.com" links to `https://www.example.com`. Shared by the widget and the
 * dashboard.
 */
export function splitLinks(text: string): TextPart[] {
  const parts: TextPart[] = [];
  let last = 0;
  for (const match of text.matchAll(WEB_ADDRESS)) {
    if (match.index > last) parts.push({ kind: "text", text: text.slice(last, match.index) });
    const address = match[0];
    parts.push({ kind: "link", text: address, href: /^https?:/i.test(address) ? address : `https://${address}` });
    last = match.index + address.length;
  }
  if (last < text.length) parts.push({ kind: "text", text: text.slice(last) });
  return parts;
}
