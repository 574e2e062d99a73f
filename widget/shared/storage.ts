/** What this page keeps when the browser keeps nothing (storage blocked). */
const memory: Record<string, string> = {};

/**
 * Browser storage that fails soft: private modes, full quotas, sandboxed frames and blocked site
 * data throw on access, and the widget must keep working when they do: localStorage first, this
 * page's memory when it is blocked.
 */
export function readText(key: string): string | null {
  try {
    const text = localStorage.getItem(key);
    if (text !== null) return text;
  } catch {
    // Blocked: memory below.
  }
  return memory[key] ?? null;
}

/**
 * Stores `text` under `key`, in localStorage when it can and in this page's memory always;
 * false when only the memory has it (it ends with the page).
 */
export function writeText(key: string, text: string): boolean {
  memory[key] = text;
  try {
    localStorage.setItem(key, text);
    return true;
  } catch {
    return false;
  }
}

/** The stored JSON value; null when there is none or it is not JSON. */
export function readStored<T>(key: string): T | null {
  try {
    return JSON.parse(readText(key)!) as T;
  } catch {
    return null;
  }
}

/** Stores `value` as JSON (see `plainJson` for values that may hold arrays); false as `writeText`. */
export function writeStored(key: string, value: unknown): boolean {
  return writeText(key, JSON.stringify(value));
}

/**
 * JSON of `value`, ignoring every `toJSON`: host pages patch built-ins (Prototype.js's
 * `Array.prototype.toJSON` returns a string, which `JSON.stringify` would write as a string of
 * JSON). The replacer gets the holder as `this` and hands back the value as it was before `toJSON`.
 */
export const plainJson = (value: unknown): string => JSON.stringify(value, plainValue);

function plainValue(this: Record<string, unknown>, key: string): unknown {
  return this[key];
}
