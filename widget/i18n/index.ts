import { de } from "./de";
import { en, type Strings } from "./en";
import type { Locale } from "./locales";

export type { Strings } from "./en";

const TABLES: Record<Locale, Strings> = { en, de };

export type Translate = (key: keyof Strings, values?: Record<string, string | number>) => string;

/** The translator of one locale, with the embedder's overrides on top; `{name}` slots are filled in. */
export function translator(locale: Locale, overrides: Partial<Strings> = {}): Translate {
  const table = { ...TABLES[locale], ...overrides };
  return (key, values = {}) => table[key].replace(/\{(\w+)\}/g, (slot, name: string) => String(values[name] ?? slot));
}
