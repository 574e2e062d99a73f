import { linkify } from "../../lib/linkify";

/** Message content as text nodes, with web addresses as links; never parsed as HTML. */
export function MessageText({ text }: { text: string }) {
  return (
    <p class="message__text">
      {linkify(text).map((part, index) =>
        part.kind === "link" ? (
          <a key={index} href={part.href} target="_blank" rel="noopener noreferrer nofollow">
            {part.text}
          </a>
        ) : (
          part.text
        ),
      )}
    </p>
  );
}
