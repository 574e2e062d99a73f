import { join } from "node:path";
import type { InlineConfig, Plugin } from "vite";
import type { ChunkName } from "../loader/script";
import { LOADER_FILE, PANEL_SUBDIR, PUBLIC_DIR, REPO_DIR, WIDGET_DIR } from "./paths";

/**
 * Browsers the widget supports: those with `color-mix()`, shadow DOM, private class fields and
 * `import()`. Naming them keeps the CSS minifier from adding fallbacks nobody needs.
 */
const BROWSERS = ["chrome111", "edge111", "firefox113", "safari16.4"];

/**
 * What every widget build shares: Preact's automatic JSX runtime through Oxc (no Babel), and the
 * protocol reached by one alias. Only types and `limits.ts` are imported from it, so no zod.
 */
const base = (): InlineConfig => ({
  configFile: false,
  root: WIDGET_DIR,
  publicDir: false,
  logLevel: "warn",
  resolve: { alias: { "@parley/protocol": join(REPO_DIR, "src/protocol") } },
  oxc: { jsx: { runtime: "automatic", importSource: "preact" } },
});

const buildBase = { target: BROWSERS, cssTarget: BROWSERS };

/** Vite's module id of the helper it wraps every dynamic `import()` of an app build in. */
const PRELOAD_HELPER = "\0vite/preload-helper.js";

/**
 * Dynamic imports as they are written. Vite's helper preloads a chunk's imports and CSS by adding
 * `<link>` elements to the document's head, which here is the host page's; the widget's chunks
 * have no CSS files (styles are inlined), and the helper alone cost 0.75 KB gzip of every first
 * open. With `modulePreload: false` Vite passes it no dependencies, so it only has to load.
 */
function plainDynamicImports(): Plugin {
  return {
    name: "parley:plain-dynamic-imports",
    enforce: "pre",
    load: (id) => (id === PRELOAD_HELPER ? "export const __vitePreload = (load) => load();" : null),
  };
}

/**
 * The chunks the loader imports: the panel (Preact, the model and the views) on first open, the
 * unread preview once there are replies to show, identity verification on the first `identify`.
 * ES modules; what they have in common is shared. An entry may export more than its own exports
 * ("allow-extension"): what the panel shares with the chunks it loads later (polling, the away
 * form) then stays in the panel's file, which they import, instead of going into a chunk of its
 * own that every first open would download too.
 */
export function panelConfig(): InlineConfig {
  return {
    ...base(),
    plugins: [plainDynamicImports()],
    build: {
      ...buildBase,
      modulePreload: false,
      outDir: join(PUBLIC_DIR, PANEL_SUBDIR),
      emptyOutDir: false,
      rolldownOptions: {
        input: {
          panel: join(WIDGET_DIR, "panel/index.tsx"),
          preview: join(WIDGET_DIR, "preview/index.ts"),
          identity: join(WIDGET_DIR, "identity/index.ts"),
        } satisfies Record<ChunkName, string>,
        preserveEntrySignatures: "allow-extension",
        output: { format: "es", entryFileNames: "[name]-[hash].js", chunkFileNames: "[name]-[hash].js" },
      },
    },
  };
}

/**
 * The loader: a classic script (the snippet has no `type="module"`), so an IIFE. It knows the
 * hashed names of the chunks it imports.
 */
export function loaderConfig(chunks: Record<ChunkName, string>): InlineConfig {
  return {
    ...base(),
    define: { __CHUNKS__: JSON.stringify(chunks) },
    build: {
      ...buildBase,
      outDir: PUBLIC_DIR,
      emptyOutDir: false,
      rolldownOptions: {
        input: join(WIDGET_DIR, "loader/index.ts"),
        output: { format: "iife", entryFileNames: LOADER_FILE },
      },
    },
  };
}

/** The script of the `/demo/api` page. */
export function apiDemoConfig(): InlineConfig {
  return {
    ...base(),
    build: {
      ...buildBase,
      outDir: join(PUBLIC_DIR, "demo/api"),
      emptyOutDir: false,
      rolldownOptions: {
        input: join(WIDGET_DIR, "demo/api/demo.ts"),
        output: { format: "es", entryFileNames: "demo.js" },
      },
    },
  };
}
