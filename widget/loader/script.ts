/**
 * The script tag that loaded widget.js, read while the classic script first runs (afterwards
 * `document.currentScript` is null). The panel chunk lives beside widget.js, wherever the page is.
 */
export const SCRIPT = document.currentScript as HTMLScriptElement | null;

export const SCRIPT_BASE = new URL(".", SCRIPT?.src || location.href).href;

declare const __PANEL_FILE__: string;

/** The hashed panel chunk, named by the build. */
export const PANEL_URL = new URL(`widget/${__PANEL_FILE__}`, SCRIPT_BASE).href;
