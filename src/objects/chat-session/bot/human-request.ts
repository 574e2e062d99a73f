/**
 * Whether a visitor asks for a human in words (SPEC §4.4), in any of the widget's languages
 * whatever the site's locale: a German visitor on an English site still gets a person.
 *
 * A word that can only mean a human helper ("agent", "Mitarbeiter", "موظف") asks when it comes
 * with a wish or a way to talk ("I want an agent", "talk to a human"), or alone among polite
 * words ("human please"). A word that often means something else ("person", "someone") asks
 * with a way to talk or "real"/"live", or with a wish and nothing else: "talk to a person" and
 * "I need a person" ask, "pick up in person" does not.
 * Words are folded (see `foldedWords`).
 */

import { STOP_WORDS } from "./stop-words";
import { POLITE_WORDS } from "./small-talk";
import { wordSet } from "./words";

const HELPER_WORDS = wordSet(
  "human humans agent agents representative representatives rep operator operators",
  "mensch menschen mitarbeiter mitarbeiterin mitarbeitende mitarbeitenden berater beraterin kundenberater kundenberaterin",
  "kundenservice kundendienst agenten",
  "انسان بشري موظف موظفين وكيل مندوب",
);

const SOMEONE_WORDS = wordSet(
  "person people someone somebody anyone anybody staff employee",
  "personen jemand jemanden jemandem",
  "شخص احد",
);

const TALK_WORDS = wordSet(
  "talk talking speak speaking chat chatting connect contact reach call transfer",
  "sprechen spreche reden rede chatten verbinden verbinde kontaktieren erreichen erreiche anrufen schreiben",
  "تحدث اتحدث نتحدث تكلم اتكلم كلم اكلم تواصل اتواصل محادثه",
);

const WISH_WORDS = wordSet("want need get give like wanna request", "mochte mochten will brauche brauchen", "اريد ابغي بدي عايز اود");

const REAL_WORDS = wordSet("real live actual", "echt echte echten echtem echter richtig richtige richtigen", "حقيقي");

/** True when the folded `words` ask for a human rather than mention one. */
export function asksForHuman(words: readonly string[]): boolean {
  const has = (set: ReadonlySet<string>) => words.some((word) => set.has(word));
  const helper = has(HELPER_WORDS);
  if (!helper && !has(SOMEONE_WORDS)) return false;
  if (has(TALK_WORDS) || has(REAL_WORDS)) return true;
  const wishes = has(WISH_WORDS);
  if (helper && wishes) return true;
  // Nothing but the request itself: "human please", "I need a person".
  const requestOnly = words.every(
    (word) => HELPER_WORDS.has(word) || SOMEONE_WORDS.has(word) || WISH_WORDS.has(word) || STOP_WORDS.has(word) || POLITE_WORDS.has(word),
  );
  return (helper || wishes) && requestOnly;
}
