/**
 * The script tag that loaded widget.js, read while the classic script first runs (afterwards
 * `document.currentScript` is null). The chunks live beside widget.js, wherever the page is.
 */
export const SCRIPT = document.currentScript as HTMLScriptElement | null;

export const SCRIPT_BASE = new URL(".", SCRIPT?.src || location.href).href;

declare const __CHUNKS__: Record<ChunkName, string>;

/** The chunks the loader imports: the panel, the unread preview, identity verification. */
export type ChunkName = "panel" | "preview" | "identity";

/** Where a chunk is: beside widget.js, under the hashed name the build gave it. */
export const chunkUrl = (name: ChunkName): string => new URL(`widget/${__CHUNKS__[name]}`, SCRIPT_BASE).href;
