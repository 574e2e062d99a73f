import { describe, expect, it } from "vitest";
import { splitLinks } from "../../widget/shared/text-parts";

/** What the widget and the dashboard both link (widget/shared/text-parts.ts). */
describe("splitLinks", () => {
  it("links http(s) and bare www. addresses to where they go, and leaves their closing punctuation as text", () => {
    expect(splitLinks("See www.example.com/help, or https://shop.example/x.")).toEqual([
      { kind: "text", text: "See " },
      { kind: "link", text: "www.example.com/help", href: "https://www.example.com/help" },
      { kind: "text", text: ", or " },
      { kind: "link", text: "https://shop.example/x", href: "https://shop.example/x" },
      { kind: "text", text: "." },
    ]);
  });

  it("links no other scheme, and no www. inside a word, an email address or a path", () => {
    for (const text of ["javascript:alert(1)", "data:text/html,hi", "mail me at me@www.example.com", "see a/www.example.com", "awww.example.com"]) {
      expect(splitLinks(text)).toEqual([{ kind: "text", text }]);
    }
  });
});
