import type { AwayStrings } from "./away-en";

export const awayDe: AwayStrings = {
  backAt: "Wieder erreichbar ab {time} Uhr",
  backTomorrow: "Morgen ab {time} Uhr wieder erreichbar",
  backOn: "Am {day} ab {time} Uhr wieder erreichbar",
  awayNow: "Gerade nicht erreichbar",
  awayDefault: "Wir sind gerade nicht da. Hinterlassen Sie Ihre E-Mail-Adresse und eine Nachricht, wir antworten, sobald wir zurück sind.",
  awayTitle: "Nachricht hinterlassen",
  emailLabel: "Ihre E-Mail-Adresse",
  awayMessageLabel: "Ihre Nachricht",
  leaveMessage: "Nachricht senden",
  emailInvalid: "Geben Sie eine E-Mail-Adresse wie name@beispiel.de ein.",
  messageEmpty: "Schreiben Sie zuerst eine Nachricht.",
  leaveFailed: "Ihre Nachricht konnte nicht gesendet werden. Prüfen Sie Ihre Verbindung und versuchen Sie es erneut.",
  leftMessage: "Danke! Wir haben Ihre Nachricht erhalten und antworten an {email}.",
};
