export const LOCALES = ["en", "de"] as const;
export type Locale = (typeof LOCALES)[number];

/**
 * The supported locale closest to `requested`: "de-AT" → "de", anything unknown → "en". "auto"
 * follows the visitor's browser.
 */
export function pickLocale(requested: string | undefined): Locale {
  const tag = (requested === "auto" ? navigator.language : requested ?? "en").toLowerCase();
  return LOCALES.find((locale) => tag === locale || tag.startsWith(`${locale}-`)) ?? "en";
}
