import type { AwayStrings } from "./away-en";

/** Arabic; `{day}` is the weekday as `Intl` writes it ("الاثنين"), after "يوم". */
export const awayAr: AwayStrings = {
  backAt: "نعود الساعة {time}",
  backTomorrow: "نعود غدًا الساعة {time}",
  backOn: "نعود يوم {day} الساعة {time}",
  awayNow: "غير متاحين الآن",
  awayDefault: "لسنا متاحين الآن. اترك بريدك الإلكتروني ورسالتك، وسنرد عليك فور عودتنا.",
  awayTitle: "اترك لنا رسالة",
  emailLabel: "بريدك الإلكتروني",
  awayMessageLabel: "رسالتك",
  leaveMessage: "إرسال الرسالة",
  emailInvalid: "أدخل عنوان بريد إلكتروني صحيحًا، مثل name@example.com",
  messageEmpty: "اكتب رسالة أولًا.",
  leaveFailed: "تعذّر إرسال رسالتك. تحقّق من اتصالك وحاول مرة أخرى.",
  leftMessage: "شكرًا! وصلتنا رسالتك وسنرد عليك على {email}.",
};
