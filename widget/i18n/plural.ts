/**
 * A string that counts something: one wording per plural category the locale uses, as
 * `Intl.PluralRules` names them (zero, one, two, few, many, other), and always `other`. English
 * needs two ("1 character left"), German one, Arabic six, so a counted string is never one text.
 */
export type Counted = Partial<Record<Intl.LDMLPluralRule, string>> & { other: string };

/**
 * The wording of `text` for `count` by the plural rules of `locale`, `{count}` not yet filled in.
 * A plain string (an embedder's override) serves every count.
 */
export function wordingFor(text: Counted | string, locale: string, count: number): string {
  return typeof text === "string" ? text : (text[new Intl.PluralRules(locale).select(count)] ?? text.other);
}
