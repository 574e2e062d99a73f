import type { RatingStrings } from "./rating-en";

export const ratingDe: RatingStrings = {
  ratingQuestion: "Wie war dieses Gespräch?",
  ratingScore1: "1 Stern, sehr schlecht",
  ratingScore2: "2 Sterne, schlecht",
  ratingScore3: "3 Sterne, in Ordnung",
  ratingScore4: "4 Sterne, gut",
  ratingScore5: "5 Sterne, ausgezeichnet",
  ratingCommentLabel: "Möchten Sie noch etwas ergänzen? (optional)",
  ratingSend: "Bewertung senden",
  ratingDismiss: "Nein, danke",
  ratingPickFirst: "Wählen Sie zuerst 1 bis 5 Sterne.",
  ratingFailed: "Ihre Bewertung konnte nicht gesendet werden. Prüfen Sie Ihre Verbindung und versuchen Sie es erneut.",
  ratingThanks: "Vielen Dank für Ihre Rückmeldung!",
};
