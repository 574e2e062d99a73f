/**
 * The bot's small built-in thesaurus (SPEC §4.4): words a shop's visitors use for the same thing,
 * each mapped to one term of its group, in folded singular form (see `foldedWords`, `singular`).
 * Sites add their own words in each FAQ's keywords; this list only covers what nearly every shop
 * is asked, in English, German and Arabic.
 */
const GROUPS: Record<string, string> = {
  price: "price cost pricing fee charge much expensive cheap kosten kostet preis gebuhr teuer viel سعر تكلفه رسوم",
  time: "time long fast quick quickly soon lange dauer dauert schnell zeit مده وقت",
  shipping:
    "shipping ship shipped shipment delivery deliver delivering delivered postage dispatch dispatched " +
    "versand versenden verschicken lieferung liefern geliefert zustellung شحن توصيل",
  return:
    "return returning returned refund refunded exchange rucksendung ruckgabe zuruckgeben zurucksenden zuruckschicken " +
    "zuruck erstattung umtausch umtauschen retoure ارجاع استرجاع استرداد",
  payment: "payment pay paying paid paypal klarna visa mastercard amex bezahlen bezahlung zahlen zahlung دفع",
  method: "method option methode methoden moglichkeit moglichkeiten optionen طريقه طرق",
  accept: "accept accepted akzeptieren akzeptiert",
  international: "international internationally abroad overseas worldwide foreign country ausland weltweit land lander دولي خارج",
  order: "order ordered purchase purchased bestellung bestellen bestellt طلب",
};

/** German compounds that carry two of the groups at once. */
const COMPOUNDS: Record<string, readonly string[]> = {
  versandkosten: ["shipping", "price"],
  lieferkosten: ["shipping", "price"],
  lieferzeit: ["shipping", "time"],
  versanddauer: ["shipping", "time"],
  versandzeit: ["shipping", "time"],
  zahlungsmethode: ["payment", "method"],
  zahlungsmethoden: ["payment", "method"],
  zahlungsart: ["payment", "method"],
  zahlungsarten: ["payment", "method"],
  zahlungsmoglichkeit: ["payment", "method"],
  zahlungsmoglichkeiten: ["payment", "method"],
};

/** Folded word (or its singular) → the terms it stands for. */
export const SYNONYMS: ReadonlyMap<string, readonly string[]> = new Map([
  ...Object.entries(GROUPS).flatMap(([term, words]) => words.split(" ").map((word) => [word, [term]] as const)),
  ...Object.entries(COMPOUNDS),
]);
