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

/**
 * Explicit direction controls (embeddings, overrides, isolates). A name holding one (an agent
 * called "Eve\u202E…") is isolated (FSI…PDI), so an override it leaves open ends with it
 * instead of turning the rest of the sentence around ("Eve noitasrevnoc eht denioj").
 */
const BIDI_CONTROL = /[\u202A-\u202E\u2066-\u2069]/;

export type Translate = (key: keyof Strings, values?: Record<string, string | number>) => string;

/**
 * The translator of one locale, with the embedder's overrides on top; `{name}` slots are filled in
 * (isolated when they carry direction controls), and a counted string takes the wording the
 * locale's plural rules give `values.count`. Numbers are written in the locale's digits, as its
 * times are ("٣" in Arabic).
 */
export async function loadTranslator(locale: Locale, overrides: StringOverrides = {}): Promise<Translate> {
  const table: StringOverrides = { ...(locale === "en" ? en : await OTHER_TABLES[locale]()), ...overrides };
  const fill = (value: string | number | undefined, slot: string): string =>
    typeof value === "number" ? value.toLocaleString(locale) : value === undefined ? slot : BIDI_CONTROL.test(value) ? `\u2068${value}\u2069` : value;
  return (key, values = {}) => wordingFor(table[key]!, locale, Number(values.count)).replace(/\{(\w+)\}/g, (slot, name: string) => fill(values[name], slot));
}
