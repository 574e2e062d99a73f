import { CopyField } from "../copy-field/CopyField";
import "./embed-snippet.css";

/** The tag the README documents (§ Embedding the widget), on this dashboard's own host. */
function scriptTag(origin: string, siteKey: string): string {
  return `<script src="${origin}/widget.js" data-site="${siteKey}" async></script>`;
}

/** The README's after-load snippet, for pages that want their `load` event as early as possible. */
function afterLoadSnippet(origin: string, siteKey: string): string {
  return [
    "<script>",
    "  window.Parley = window.Parley || function () { (Parley.q = Parley.q || []).push(arguments); };",
    '  addEventListener("load", function () {',
    '    var script = document.createElement("script");',
    `    script.src = "${origin}/widget.js";`,
    `    script.dataset.site = "${siteKey}";`,
    "    document.head.appendChild(script);",
    "  });",
    "</script>",
  ].join("\n");
}

/** How to put the widget on a page (SPEC §1: paste one tag), with the site's public key. */
export function EmbedSnippet({ siteKey, origins }: { siteKey: string; origins: readonly string[] }) {
  const origin = location.origin;
  return (
    <div class="embed-snippet">
      <CopyField label="Site key" value={siteKey} hint="Public: it is in every page that shows the widget." />
      <CopyField
        label="Embed snippet"
        value={scriptTag(origin, siteKey)}
        multiline
        hint="Paste it before </body> on every page that should show the chat."
      />
      {origins.length === 0 && (
        <p class="form-notice embed-snippet__warning">The widget runs on no page yet: add your site's origins above and save.</p>
      )}
      <details class="embed-snippet__more">
        <summary>Load it after the page (no effect on the page's load event)</summary>
        <CopyField label="After-load snippet" value={afterLoadSnippet(origin, siteKey)} multiline />
      </details>
    </div>
  );
}
