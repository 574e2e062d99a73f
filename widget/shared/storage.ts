/**
 * localStorage that fails soft: private modes, full quotas and sandboxed frames throw on access,
 * and the widget must keep working (without persistence) when they do.
 */
export function readStored<T>(key: string): T | null {
  try {
    const raw = localStorage.getItem(key);
    return raw === null ? null : (JSON.parse(raw) as T);
  } catch {
    return null;
  }
}

export function writeStored(key: string, value: unknown): void {
  try {
    if (value === null) localStorage.removeItem(key);
    else localStorage.setItem(key, JSON.stringify(value));
  } catch {
    // Nothing to do: the value simply does not survive a reload.
  }
}
