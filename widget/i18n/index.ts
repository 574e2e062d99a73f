import { en, type StringOverrides, type Strings } from "./en";
import type { Locale } from "./locales";
import { wordingFor, type Counted } from "./plural";

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

/** Looks up a string of one table by key, filling in its `{name}` slots. */
export type Translate<K extends string = keyof Strings> = (key: K, values?: Record<string, string | number>) => string;

/**
 * The translator of `table` in `locale`, with the embedder's overrides on top; `{name}` slots are
 * filled in (isolated when they carry direction controls), and a counted string takes the wording
 * the locale's plural rules give `values.count`. Numbers are written in the locale's digits, as its
 * times are ("٣" in Arabic). Lazily loaded chunks with tables of their own (the away form) use it too.
 */
export function translator<K extends string>(
  table: Record<K, string | Counted>,
  locale: Locale,
  overrides: NoInfer<Partial<Record<K, string | Counted>>> = {},
): Translate<K> {
  const strings: Record<K, string | Counted> = { ...table, ...overrides };
  const fill = (value: string | number | undefined, slot: string): string =>
    typeof value === "number" ? value.toLocaleString(locale) : value === undefined ? slot : BIDI_CONTROL.test(value) ? `\u2068${value}\u2069` : value;
  return (key, values = {}) => wordingFor(strings[key], locale, Number(values.count)).replace(/\{(\w+)\}/g, (slot, name: string) => fill(values[name], slot));
}

/** The panel's translator in `locale`: English at once, another locale's table once fetched. */
export async function loadTranslator(locale: Locale, overrides: StringOverrides = {}): Promise<Translate> {
  return translator(locale === "en" ? en : await OTHER_TABLES[locale](), locale, overrides);
}
