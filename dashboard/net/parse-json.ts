/**
 * Frames come from our own server over a same-origin socket, so they are trusted to match the
 * protocol types; only text that is not JSON at all is dropped.
 */
export function parseJson<T>(text: string): T | null {
  try {
    return JSON.parse(text) as T;
  } catch {
    return null;
  }
}
