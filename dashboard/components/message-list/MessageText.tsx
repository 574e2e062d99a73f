import { splitLinks } from "@parley/browser/text-parts";

/** Message content as text nodes, with web addresses as links; never parsed as HTML. */
export function MessageText({ text }: { text: string }) {
  return (
    <p class="message__text">
      {splitLinks(text).map((part, index) =>
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
