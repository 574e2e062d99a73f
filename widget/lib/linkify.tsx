import type { ComponentChildren } from "preact";
import { splitLinks } from "../shared/text-parts";

/** Message text as text nodes, with http(s) and www. addresses as links that open in a new tab. */
export function linkify(text: string): ComponentChildren[] {
  return splitLinks(text).map((part) =>
    part.kind === "link" ? (
      <a href={part.href} target="_blank" rel="noopener noreferrer nofollow">
        {part.text}
      </a>
    ) : (
      part.text
    ),
  );
}
