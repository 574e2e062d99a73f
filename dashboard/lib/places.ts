/** Readable names for the codes browsers and Cloudflare report: "DE" → "Germany", "de-DE" → "German (Germany)". */
function displayName(type: "region" | "language", code: string): string {
  try {
    return new Intl.DisplayNames(undefined, { type }).of(code) ?? code;
  } catch {
    return code;
  }
}

export function countryName(code: string): string {
  return /^[A-Za-z]{2}$/.test(code) ? displayName("region", code.toUpperCase()) : code;
}

export function languageName(locale: string): string {
  return displayName("language", locale);
}

/** A page address without its scheme, for a compact label; the link keeps the full address. */
export function shortUrl(url: string): string {
  return url.replace(/^https?:\/\//, "").replace(/\/$/, "");
}

/** Only web addresses become links: a visitor's context is input from the visitor's browser. */
export function isWebUrl(url: string): boolean {
  return /^https?:\/\//i.test(url);
}
