export const LOCALES = ["en", "de", "ar"] as const;
export type Locale = (typeof LOCALES)[number];

/**
 * The supported locale closest to `requested`: "de-AT" → "de", anything unknown → "en". "auto"
 * follows the visitor's browser.
 */
export function pickLocale(requested: string | undefined): Locale {
  const tag = (requested === "auto" ? navigator.language : requested ?? "en").toLowerCase();
  return LOCALES.find((locale) => tag === locale || tag.startsWith(`${locale}-`)) ?? "en";
}

/**
 * The writing direction of a locale's interface, for the widget root's `dir`: "rtl" mirrors the
 * whole widget, its bubble included (SPEC §9).
 */
export const dirOf = (locale: Locale): "ltr" | "rtl" => (locale === "ar" ? "rtl" : "ltr");
