import { z } from "zod";
import { AgentRefSchema, ConversationStatusSchema, IdSchema, MetadataSchema, SeqSchema, textSchema } from "./common";
import { EscalationSchema, ReadCursorsSchema, SessionInfoSchema } from "./conversation";
import { CLIENT_MSG_ID_MAX, CONTENT_HARD_MAX, ESCALATION_REASON_MAX } from "./limits";
import { MessageSchema, SenderTypeSchema } from "./message";

export const ClientMsgIdSchema = z
  .string()
  .min(1)
  .max(CLIENT_MSG_ID_MAX)
  .regex(/^[A-Za-z0-9_.:-]+$/, "client_msg_id may use letters, digits and _ . : - only");

/**
 * Content is checked against the deployed limit, in code points, by the server (`checkText`);
 * this is only the outer bound, in UTF-16 units, before anything reads it.
 */
export const ContentSchema = z.string().max(CONTENT_HARD_MAX);

export const EscalationReasonSchema = textSchema(ESCALATION_REASON_MAX);

/** Frames a client (visitor widget or agent) sends on a conversation socket (SPEC §6). */
export const ClientFrameSchema = z.discriminatedUnion("type", [
  z.object({
    type: z.literal("message"),
    client_msg_id: ClientMsgIdSchema,
    content: ContentSchema,
    metadata: MetadataSchema.optional(),
  }),
  z.object({ type: z.literal("typing"), is_typing: z.boolean() }),
  z.object({ type: z.literal("read"), seq: SeqSchema }),
  z.object({ type: z.literal("faq"), faq_id: IdSchema, client_msg_id: ClientMsgIdSchema.optional() }),
  z.object({
    type: z.literal("escalate"),
    reason: EscalationReasonSchema.optional(),
    metadata: MetadataSchema.optional(),
  }),
  z.object({ type: z.literal("load_older"), before: SeqSchema }),
]);
export type ClientFrame = z.infer<typeof ClientFrameSchema>;
export type ClientFrameType = ClientFrame["type"];

/** Machine-readable codes of socket `error` frames. */
export const SocketErrorCodeSchema = z.enum([
  "bad_json",
  "unknown_type",
  "invalid_frame",
  "too_long",
  "empty",
  "invalid_text",
  "rate_limited",
  "not_found",
  "forbidden",
  "closed",
  "already_assigned",
  "internal",
]);
export type SocketErrorCode = z.infer<typeof SocketErrorCodeSchema>;

/**
 * The agents with the conversation open, each once however many tabs they use: an agent sees
 * which colleagues read along. Only agents are told; a visitor gets the count alone.
 */
export const PresentAgentsSchema = z.array(AgentRefSchema);

/** The first frame of every socket, and the answer of `GET /api/chat/:id/poll`. */
export const HelloFrameSchema = z.object({
  type: z.literal("hello"),
  session: SessionInfoSchema,
  messages: z.array(MessageSchema),
  last_seq: SeqSchema,
  has_more: z.boolean(),
  agent: AgentRefSchema.nullable(),
  online: z.int(),
  agents: PresentAgentsSchema.optional(),
  read: ReadCursorsSchema,
  /** Team chats: each member's read cursor by agent id, for "seen by" (SPEC §4.10). */
  member_reads: z.record(z.string(), SeqSchema).optional(),
});

/** Frames the server sends on a conversation socket (SPEC §6). */
export const ServerFrameSchema = z.discriminatedUnion("type", [
  HelloFrameSchema,
  z.object({ type: z.literal("message"), message: MessageSchema }),
  z.object({
    type: z.literal("typing"),
    sender_type: SenderTypeSchema,
    sender_name: z.string(),
    is_typing: z.boolean(),
  }),
  /** `agent_id`: in team chats, whose cursor moved (each member has their own). */
  z.object({ type: z.literal("read"), sender_type: SenderTypeSchema, seq: SeqSchema, agent_id: z.string().optional() }),
  z.object({ type: z.literal("status"), status: ConversationStatusSchema, agent: AgentRefSchema.nullable() }),
  z.object({ type: z.literal("escalated"), escalation: EscalationSchema }),
  z.object({ type: z.literal("presence"), online: z.int(), agents: PresentAgentsSchema.optional() }),
  z.object({ type: z.literal("older"), messages: z.array(MessageSchema), has_more: z.boolean() }),
  z.object({
    type: z.literal("error"),
    code: SocketErrorCodeSchema,
    message: z.string(),
    client_msg_id: z.string().optional(),
  }),
]);
export type ServerFrame = z.infer<typeof ServerFrameSchema>;
export type ServerFrameOf<T extends ServerFrame["type"]> = Extract<ServerFrame, { type: T }>;
