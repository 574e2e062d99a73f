/**
 * The strings of the satisfaction prompt (SPEC §11), shown once a conversation is closed. A table
 * of their own, so the panel every visitor downloads does not carry them; English is the
 * reference, as `en` is for the panel's. Each score's text is its star's accessible name.
 */
export const ratingEn = {
  ratingQuestion: "How was this conversation?",
  ratingScore1: "1 star, very poor",
  ratingScore2: "2 stars, poor",
  ratingScore3: "3 stars, okay",
  ratingScore4: "4 stars, good",
  ratingScore5: "5 stars, excellent",
  ratingCommentLabel: "Anything you would like to add? (optional)",
  ratingSend: "Send rating",
  ratingDismiss: "No thanks",
  ratingPickFirst: "Choose from 1 to 5 stars first.",
  ratingFailed: "Your rating could not be sent. Check your connection and try again.",
  ratingThanks: "Thank you for your feedback!",
};

export type RatingStrings = { [K in keyof typeof ratingEn]: string };
