import { fileURLToPath } from "node:url";
import { defineConfig } from "vite";

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

/**
 * The agent dashboard, served by the worker's static assets under /dashboard/. Preact's JSX goes
 * through Vite's own Oxc transform, so no Babel-based preset is needed.
 */
export default defineConfig({
  root: here("."),
  base: "/dashboard/",
  resolve: {
    alias: [
      // Sub-paths first: `@parley/protocol/limits` must not pull zod in through the index.
      { find: /^@parley\/protocol\/(.+)$/, replacement: here("../src/protocol/$1.ts") },
      { find: /^@parley\/protocol$/, replacement: here("../src/protocol/index.ts") },
      // Browser helpers the widget and the dashboard share (HTTP errors, storage, backoff, links).
      { find: /^@parley\/browser\/(.+)$/, replacement: here("../widget/shared/$1.ts") },
    ],
  },
  oxc: { jsx: { runtime: "automatic", importSource: "preact" } },
  build: {
    outDir: here("../dist/public/dashboard"),
    emptyOutDir: true,
    target: "es2022",
  },
});
