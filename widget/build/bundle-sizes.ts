import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { LOADER_FILE, PANEL_SUBDIR, PUBLIC_DIR } from "./paths";

/** The budgets, in gzip bytes: the loader alone, and the loader with the panel. */
export const BUDGETS = { loaderGzip: 4 * 1024, totalGzip: 30 * 1024 } as const;

export interface Size {
  raw: number;
  gzip: number;
}

export interface BundleSizes {
  loader: Size;
  panel: Size;
  total: Size;
  panelFiles: string[];
}

const sizeOf = (path: string): Size => {
  const bytes = readFileSync(path);
  return { raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
};

const add = (a: Size, b: Size): Size => ({ raw: a.raw + b.raw, gzip: a.gzip + b.gzip });

/** Sizes of the built widget as browsers download it (each file gzipped on its own). */
export function measureBundles(publicDir = PUBLIC_DIR): BundleSizes {
  const panelDir = join(publicDir, PANEL_SUBDIR);
  const panelFiles = readdirSync(panelDir).filter((name) => name.endsWith(".js") || name.endsWith(".css"));
  const loader = sizeOf(join(publicDir, LOADER_FILE));
  const panel = panelFiles.map((name) => sizeOf(join(panelDir, name))).reduce(add, { raw: 0, gzip: 0 });
  return { loader, panel, total: add(loader, panel), panelFiles };
}
