/**
 * Copies `text` to the clipboard. Where the Clipboard API is missing or refused (an insecure
 * origin, a denied permission), selects the text in `field` so the admin can press Ctrl+C, and
 * returns false so the page says so.
 */
export async function copyText(text: string, field: HTMLInputElement | HTMLTextAreaElement | null): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    field?.focus();
    field?.select();
    return false;
  }
}
