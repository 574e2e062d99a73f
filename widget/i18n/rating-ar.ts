import type { RatingStrings } from "./rating-en";

/** Arabic; the scores in words, which need no choice of digits. */
export const ratingAr: RatingStrings = {
  ratingQuestion: "كيف كانت هذه المحادثة؟",
  ratingScore1: "نجمة واحدة، سيئة جدًا",
  ratingScore2: "نجمتان، سيئة",
  ratingScore3: "ثلاث نجوم، مقبولة",
  ratingScore4: "أربع نجوم، جيدة",
  ratingScore5: "خمس نجوم، ممتازة",
  ratingCommentLabel: "هل تود إضافة شيء؟ (اختياري)",
  ratingSend: "إرسال التقييم",
  ratingDismiss: "لا، شكرًا",
  ratingPickFirst: "اختر أولًا من نجمة واحدة إلى خمس نجوم.",
  ratingFailed: "تعذّر إرسال تقييمك. تحقّق من اتصالك وحاول مرة أخرى.",
  ratingThanks: "شكرًا لك على ملاحظاتك!",
};
