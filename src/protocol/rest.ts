import { z } from "zod";
import { IdSchema, MetadataSchema, requiredTextSchema, SeqSchema, textSchema } from "./common";
import { ConversationSummarySchema, EscalationSchema } from "./conversation";
import { MessageSchema } from "./message";
import { SitePublicSchema } from "./site";
import { ClientMsgIdSchema, ContentSchema } from "./widget-socket";
import { AvailabilitySchema } from "./availability";
import { EMAIL_MAX, ESCALATION_REASON_MAX, PAGE_MAX } from "./limits";

const optionalText = (max: number) => textSchema(max).optional();

/** Where the visitor is, sent at init so agents see context (SPEC §4.1, visitor panel). */
export const VisitorContextSchema = z.object({
  url: optionalText(2000),
  title: optionalText(300),
  referrer: optionalText(2000),
  timezone: optionalText(64),
  locale: optionalText(35),
});
export type VisitorContext = z.infer<typeof VisitorContextSchema>;

export const SessionInitBodySchema = z.object({
  browser_session_id: z
    .string()
    .min(8)
    .max(128)
    .regex(/^[A-Za-z0-9_-]+$/, "browser_session_id may use letters, digits, _ and - only"),
  context: VisitorContextSchema.optional(),
});
export type SessionInitBody = z.infer<typeof SessionInitBodySchema>;

/**
 * Agent and bot replies after the visitor's read cursor (SPEC §9): the bubble's badge and preview
 * on every page view, before any socket. `latest` is the newest of them.
 */
export const UnreadRepliesSchema = z.object({
  count: z.int().min(0),
  latest: MessageSchema.nullable(),
});
export type UnreadReplies = z.infer<typeof UnreadRepliesSchema>;

export const SessionInitResponseSchema = z.object({
  session_id: z.string(),
  visitor_id: z.string(),
  visitor_token: z.string(),
  expires_at: z.iso.datetime(),
  site: SitePublicSchema,
  user: z.object({ id: z.string(), name: z.string().nullable(), email: z.string().nullable() }).nullable(),
  /**
   * The deployment's limits, so the widget checks what the server will check: message length in
   * code points, and how often to ping an idle socket (ms) to stay inside the connection timeout.
   */
  limits: z.object({ max_message_length: z.int(), keepalive_ms: z.int() }),
  unread: UnreadRepliesSchema,
  availability: AvailabilitySchema,
});
export type SessionInitResponse = z.infer<typeof SessionInitResponseSchema>;

export const IdentifyBodySchema = z.object({
  user_id: z.string().min(1).max(128),
  user_hash: z
    .string({ error: "user_hash is required: hex(HMAC-SHA256(identity_secret, user_id)), computed on your server" })
    .regex(/^[0-9a-fA-F]{64}$/, "user_hash must be 64 hex characters"),
  name: optionalText(120),
  email: z.email().max(254).optional(),
});
export type IdentifyBody = z.infer<typeof IdentifyBodySchema>;

export const IdentifyResponseSchema = z.object({
  user: z.object({ id: z.string(), name: z.string().nullable(), email: z.string().nullable() }),
});

export const PostMessageBodySchema = z.object({
  content: ContentSchema,
  client_msg_id: ClientMsgIdSchema.optional(),
  metadata: MetadataSchema.optional(),
});
export type PostMessageBody = z.infer<typeof PostMessageBodySchema>;

export const HistoryQuerySchema = z
  .object({
    limit: z.coerce.number().int().min(1).max(PAGE_MAX).optional(),
    before: z.coerce.number().int().min(1).optional(),
    after: z.coerce.number().int().min(0).optional(),
  })
  .refine((q) => q.before === undefined || q.after === undefined, {
    message: "use either before or after, not both",
  });
export type HistoryQuery = z.infer<typeof HistoryQuerySchema>;

export const HistoryResponseSchema = z.object({
  conversation_id: z.string(),
  messages: z.array(MessageSchema),
  count: z.int(),
  has_more: z.boolean(),
});
export type HistoryResponse = z.infer<typeof HistoryResponseSchema>;

/** A FAQ button clicked while the widget polls instead of holding a socket. */
export const FaqClickBodySchema = z.object({ faq_id: IdSchema, client_msg_id: ClientMsgIdSchema.optional() });

export const ReadBodySchema = z.object({ seq: SeqSchema });

/** `GET /api/chat/:id/poll`: the polling twin of a socket's `hello` (SPEC §9 fallback). */
export const PollQuerySchema = z.object({ after_seq: z.coerce.number().int().min(0).optional() });

export const EscalateBodySchema = z.object({
  reason: requiredTextSchema(ESCALATION_REASON_MAX),
  metadata: MetadataSchema.optional(),
});
export type EscalateBody = z.infer<typeof EscalateBodySchema>;

export const EscalationsResponseSchema = z.object({
  conversation_id: z.string(),
  escalations: z.array(EscalationSchema),
  count: z.int(),
});

export const UserConversationsResponseSchema = z.object({
  user_id: z.string(),
  conversations: z.array(ConversationSummarySchema),
  count: z.int(),
});
export type UserConversationsResponse = z.infer<typeof UserConversationsResponseSchema>;

export const ApiErrorBodySchema = z.object({
  error: z.object({ code: z.string(), message: z.string(), details: z.unknown().optional() }),
});
export type ApiErrorBody = z.infer<typeof ApiErrorBodySchema>;

/**
 * `POST /api/chat/:conversation_id/leave-message` (visitor only): the away form (SPEC §12). The
 * message lands in the inbox as a waiting conversation, the email on the visitor.
 */
export const LeaveMessageBodySchema = z.strictObject({
  email: z.email("email must be an email address").max(EMAIL_MAX),
  /** Checked like any message: the deployed length limit in code points, not blank. */
  content: ContentSchema,
  client_msg_id: ClientMsgIdSchema.optional(),
});
export type LeaveMessageBody = z.infer<typeof LeaveMessageBodySchema>;
