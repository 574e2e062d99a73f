import { cpSync, mkdirSync, rmSync } from "node:fs";
import { dirname, join } from "node:path";
import { build } from "vite";
import { PUBLIC_DIR, WIDGET_DIR } from "./paths";
import { apiDemoConfig, loaderConfig, panelConfig } from "./vite-configs";

/** Static files copied as they are: the demo pages and the asset headers. */
const STATIC_FILES: Array<[from: string, to: string]> = [
  ["demo/index.html", "index.html"],
  ["demo/api/index.html", "demo/api/index.html"],
  ["demo/_headers", "_headers"],
];

type BuildResult = Awaited<ReturnType<typeof build>>;

function entryFile(result: BuildResult): string {
  const outputs = Array.isArray(result) ? result : [result];
  for (const output of outputs) {
    if (!("output" in output)) continue;
    const entry = output.output.find((file) => file.type === "chunk" && file.isEntry);
    if (entry) return entry.fileName;
  }
  throw new Error("the panel build produced no entry chunk");
}

/**
 * Builds the widget into dist/public, emptying it first: the loader (widget.js), the panel chunk
 * under widget/, and the demo pages. Later builds (the dashboard) add their own subfolders.
 */
export async function buildWidget(): Promise<void> {
  rmSync(PUBLIC_DIR, { recursive: true, force: true });
  const panelFile = entryFile(await build(panelConfig()));
  await build(loaderConfig(panelFile));
  await build(apiDemoConfig());
  for (const [from, to] of STATIC_FILES) {
    mkdirSync(dirname(join(PUBLIC_DIR, to)), { recursive: true });
    cpSync(join(WIDGET_DIR, from), join(PUBLIC_DIR, to));
  }
}
