/**
 * Words that say nothing about which FAQ is meant, in folded form (see `foldedWords`): English,
 * German and Arabic, the widget's languages. "how" is here but "much" and "long" are not: they
 * tell a question about price from one about time (see `SYNONYMS`).
 */
export const STOP_WORDS: ReadonlySet<string> = new Set(
  [
    // English, with the apostrophe-less forms people type
    "a about above after again all also am an and any anything are as at be been before being both but by can cant could",
    "did didnt do does doesnt doing done dont down during each even few for from further get gets getting got had has have",
    "having he her here hers him his how i id if im in into is isnt it its ive just know let lets like may me might more most",
    "must my myself need needs no nor not now of off on once only or other our ours out over own please pls plz same shall she should",
    "so some something such take takes tell than that the their them then there these they this those through to too under",
    "until up us very want wanted wants was wasnt we were what whats when where which while who whom why will with wont",
    "would wouldnt you your youre yours ur hi hello hey thanks thank ok okay really actually maybe still",
    // German
    "aber alle als also am an auch auf aus bei bin bis bist bitte da dann das dass dem den denn der des die doch du ein eine",
    "einem einen einer eines er es euch eure fur gibt habe haben hat hatte ich ihr ihre ihnen im in ist ja kann kein keine",
    "konnen konnte man mein meine meinem meinen meiner mich mir mit muss nach nein nicht noch nur oder schon sehr sein sie",
    "sind so uber um und uns unser unsere vom von wann war was welche welcher welches wenn wer werden wie wir wird wo zu zum zur",
    "hallo danke",
    // Arabic, folded: no vowel marks, hamza carriers as bare letters, the article taken off
    "في من علي الي عن مع هل ما ماذا كيف متي اين هذا هذه ذلك انا انت انتم نحن هو هي لي لك كان يكون او ثم لا لم لن قد ان كل",
  ]
    .join(" ")
    .split(" "),
);
