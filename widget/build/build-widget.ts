import { cpSync, mkdirSync, rmSync } from "node:fs";
import { dirname, join } from "node:path";
import { build } from "vite";
import type { ChunkName } from "../loader/script";
import { PUBLIC_DIR, WIDGET_DIR } from "./paths";
import { apiDemoConfig, loaderConfig, panelConfig } from "./vite-configs";

/** Static files copied as they are: the demo pages and the asset headers. */
const STATIC_FILES: Array<[from: string, to: string]> = [
  ["demo/index.html", "index.html"],
  ["demo/api/index.html", "demo/api/index.html"],
  ["demo/_headers", "_headers"],
];

type BuildResult = Awaited<ReturnType<typeof build>>;

/** The file of each entry chunk of a build, by entry name. */
function entryFiles(result: BuildResult): Map<string, string> {
  const files = new Map<string, string>();
  for (const output of Array.isArray(result) ? result : [result]) {
    if (!("output" in output)) continue;
    for (const file of output.output) if (file.type === "chunk" && file.isEntry) files.set(file.name, file.fileName);
  }
  return files;
}

function entryFile(files: Map<string, string>, name: ChunkName): string {
  const file = files.get(name);
  if (!file) throw new Error(`the widget build produced no ${name} chunk`);
  return file;
}

/**
 * Builds the widget into dist/public, emptying it first: the loader (widget.js), the chunks it
 * imports under widget/, and the demo pages. Later builds (the dashboard) add their own subfolders.
 */
export async function buildWidget(): Promise<void> {
  rmSync(PUBLIC_DIR, { recursive: true, force: true });
  const chunks = entryFiles(await build(panelConfig()));
  await build(loaderConfig({ panel: entryFile(chunks, "panel"), preview: entryFile(chunks, "preview"), identity: entryFile(chunks, "identity") }));
  await build(apiDemoConfig());
  for (const [from, to] of STATIC_FILES) {
    mkdirSync(dirname(join(PUBLIC_DIR, to)), { recursive: true });
    cpSync(join(WIDGET_DIR, from), join(PUBLIC_DIR, to));
  }
}
