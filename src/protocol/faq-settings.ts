import { z } from "zod";
import { IdSchema, requiredTextSchema, textSchema } from "./common";
import { FAQ_ANSWER_MAX, FAQ_KEYWORDS_MAX, FAQ_QUESTION_MAX, FAQS_PER_SITE_MAX } from "./limits";

/**
 * A site's FAQ entry as its admins edit it (SPEC §5). The widget shows the questions, in the
 * site's order, as its first block; the bot also matches free text on `keywords`.
 */
export const FaqSchema = z.object({
  id: z.string(),
  site_id: z.string(),
  question: z.string(),
  answer: z.string(),
  keywords: z.string(),
  created_at: z.iso.datetime(),
});
export type Faq = z.infer<typeof FaqSchema>;

const faqFields = {
  question: requiredTextSchema(FAQ_QUESTION_MAX),
  answer: requiredTextSchema(FAQ_ANSWER_MAX),
  /** Extra words the bot matches on, space separated. */
  keywords: textSchema(FAQ_KEYWORDS_MAX),
};

/** `POST /api/sites/:site_id/faqs`: added last, up to `FAQS_PER_SITE_MAX` per site. */
export const CreateFaqBodySchema = z.strictObject({ ...faqFields, keywords: faqFields.keywords.default("") });
export type CreateFaqBody = z.infer<typeof CreateFaqBodySchema>;

export const UpdateFaqBodySchema = z
  .strictObject(faqFields)
  .partial()
  .refine((body) => Object.keys(body).length > 0, { message: "nothing to change" });
export type UpdateFaqBody = z.infer<typeof UpdateFaqBodySchema>;

/** `PUT /api/sites/:site_id/faqs/order`: every FAQ id of the site, once each, in the new order. */
export const FaqOrderBodySchema = z.strictObject({ ids: z.array(IdSchema).max(FAQS_PER_SITE_MAX, `at most ${FAQS_PER_SITE_MAX} ids`) });
export type FaqOrderBody = z.infer<typeof FaqOrderBodySchema>;

/** A site's FAQs, in the order the widget shows them. */
export const FaqListResponseSchema = z.object({ faqs: z.array(FaqSchema) });
export type FaqListResponse = z.infer<typeof FaqListResponseSchema>;
