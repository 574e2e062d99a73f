import { en, type StringOverrides, type Strings } from "./en";
import type { Locale } from "./locales";
import { wordingFor } from "./plural";

export type { StringOverrides, Strings } from "./en";

/**
 * The tables besides English, each its own chunk fetched only by a widget in that locale: the
 * English one is the reference and most widgets' locale, so it ships with the panel.
 */
const OTHER_TABLES: Record<Exclude<Locale, "en">, () => Promise<Strings>> = {
  de: () => import("./de").then((module) => module.de),
  ar: () => import("./ar").then((module) => module.ar),
};

export type Translate = (key: keyof Strings, values?: Record<string, string | number>) => string;

/**
 * The translator of one locale, with the embedder's overrides on top; `{name}` slots are filled in,
 * and a counted string takes the wording the locale's plural rules give `values.count`. Numbers
 * are written in the locale's digits, as its times are ("٣" in Arabic).
 */
export async function loadTranslator(locale: Locale, overrides: StringOverrides = {}): Promise<Translate> {
  const table: StringOverrides = { ...(locale === "en" ? en : await OTHER_TABLES[locale]()), ...overrides };
  const fill = (value: string | number | undefined, slot: string): string =>
    typeof value === "number" ? value.toLocaleString(locale) : (value ?? slot);
  return (key, values = {}) => wordingFor(table[key]!, locale, Number(values.count)).replace(/\{(\w+)\}/g, (slot, name: string) => fill(values[name], slot));
}
