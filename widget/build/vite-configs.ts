import { join } from "node:path";
import type { InlineConfig } from "vite";
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

/** The panel: Preact, the model and the views, an ES module loaded with `import()` on first open. */
export function panelConfig(): InlineConfig {
  return {
    ...base(),
    build: {
      ...buildBase,
      outDir: join(PUBLIC_DIR, PANEL_SUBDIR),
      emptyOutDir: false,
      rolldownOptions: {
        input: { panel: join(WIDGET_DIR, "panel/index.tsx") },
        preserveEntrySignatures: "exports-only",
        output: { format: "es", entryFileNames: "panel-[hash].js", chunkFileNames: "[name]-[hash].js" },
      },
    },
  };
}

/**
 * The loader: a classic script (the snippet has no `type="module"`), so an IIFE. It knows the
 * hashed name of the panel chunk it imports.
 */
export function loaderConfig(panelFile: string): InlineConfig {
  return {
    ...base(),
    define: { __PANEL_FILE__: JSON.stringify(panelFile) },
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
