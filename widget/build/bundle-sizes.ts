import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { LOCALES } from "../i18n/locales";
import { LOADER_FILE, PANEL_SUBDIR, PUBLIC_DIR } from "./paths";

/** The budgets, in gzip bytes: the loader alone, and the loader with the panel. */
export const BUDGETS = { loaderGzip: 4 * 1024, totalGzip: 30 * 1024 } as const;

export interface Size {
  raw: number;
  gzip: number;
}

export interface BundleSizes {
  loader: Size;
  /**
   * What the first open downloads: the panel chunk, the chunks it imports statically, and the
   * largest string table a locale fetches besides (English ships inside the panel).
   */
  panel: Size;
  total: Size;
  panelFiles: string[];
  /** Every chunk under widget/, the lazily loaded ones (preview, identity) included. */
  chunkFiles: string[];
  /** The chunks loaded only when needed, by file name. */
  lazy: Map<string, Size>;
}

const sizeOf = (path: string): Size => {
  const bytes = readFileSync(path);
  return { raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
};

const add = (a: Size, b: Size): Size => ({ raw: a.raw + b.raw, gzip: a.gzip + b.gzip });

/** The sibling chunks a built ES module imports statically (`from"./x.js"`, `import"./x.js"`). */
const STATIC_IMPORT = /(?:from|import)\s*"\.\/([\w.-]+\.js)"/g;

/** `entry` and every chunk it reaches through static imports, as file names under `dir`. */
function staticClosure(dir: string, entry: string): string[] {
  const seen = new Set<string>([entry]);
  for (const file of seen) {
    for (const match of readFileSync(join(dir, file), "utf8").matchAll(STATIC_IMPORT)) seen.add(match[1]!);
  }
  return [...seen];
}

/** Sizes of the built widget as browsers download it (each file gzipped on its own). */
export function measureBundles(publicDir = PUBLIC_DIR): BundleSizes {
  const panelDir = join(publicDir, PANEL_SUBDIR);
  const chunkFiles = readdirSync(panelDir).filter((name) => name.endsWith(".js"));
  const entry = chunkFiles.find((name) => name.startsWith("panel-"));
  if (!entry) throw new Error(`no panel chunk in ${panelDir}: build first`);
  const panelFiles = staticClosure(panelDir, entry);
  const loader = sizeOf(join(publicDir, LOADER_FILE));
  const localeTables = chunkFiles.filter((name) => LOCALES.some((locale) => name.startsWith(`${locale}-`))).map((name) => sizeOf(join(panelDir, name)));
  const largestTable = localeTables.reduce((a, b) => (b.gzip > a.gzip ? b : a), { raw: 0, gzip: 0 });
  const panel = panelFiles.map((name) => sizeOf(join(panelDir, name))).reduce(add, largestTable);
  const lazy = new Map(chunkFiles.filter((name) => !panelFiles.includes(name)).map((name) => [name, sizeOf(join(panelDir, name))]));
  return { loader, panel, total: add(loader, panel), panelFiles, chunkFiles, lazy };
}
