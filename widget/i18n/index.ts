import { de } from "./de";
import { en, type StringOverrides, type Strings } from "./en";
import type { Locale } from "./locales";
import { wordingFor } from "./plural";

export type { StringOverrides, Strings } from "./en";

const TABLES: Record<Locale, Strings> = { en, de };

export type Translate = (key: keyof Strings, values?: Record<string, string | number>) => string;

/**
 * The translator of one locale, with the embedder's overrides on top; `{name}` slots are filled in,
 * and a counted string takes the wording the locale's plural rules give `values.count`.
 */
export function translator(locale: Locale, overrides: StringOverrides = {}): Translate {
  const table: StringOverrides = { ...TABLES[locale], ...overrides };
  return (key, values = {}) =>
    wordingFor(table[key]!, locale, Number(values.count)).replace(/\{(\w+)\}/g, (slot, name: string) => String(values[name] ?? slot));
}
