/** localStorage that never throws: private modes and locked-down browsers refuse it. */
export function readSetting(key: string): string | null {
  try {
    return localStorage.getItem(`parley.${key}`);
  } catch {
    return null;
  }
}

export function writeSetting(key: string, value: string): void {
  try {
    localStorage.setItem(`parley.${key}`, value);
  } catch {
    // Preferences are a convenience; without storage they last for this page only.
  }
}
