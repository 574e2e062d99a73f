import { fileURLToPath } from "node:url";

export const WIDGET_DIR = fileURLToPath(new URL("..", import.meta.url));
export const REPO_DIR = fileURLToPath(new URL("../..", import.meta.url));
/** What Workers Static Assets serves (wrangler.toml `[assets]`). */
export const PUBLIC_DIR = fileURLToPath(new URL("../../dist/public", import.meta.url));
/** The panel chunk(s) sit in this folder of PUBLIC_DIR, beside widget.js. */
export const PANEL_SUBDIR = "widget";
export const LOADER_FILE = "widget.js";
