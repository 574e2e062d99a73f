import { z } from "zod";
import {
  AgentRefSchema,
  ConversationKindSchema,
  ConversationStatusSchema,
  MetadataSchema,
  SeqSchema,
} from "./common";

export const EscalationSchema = z.object({
  id: z.string(),
  conversation_id: z.string(),
  reason: z.string(),
  metadata: MetadataSchema,
  created_at: z.iso.datetime(),
});
export type Escalation = z.infer<typeof EscalationSchema>;

/** What a client is told about the conversation its socket belongs to. */
export const SessionInfoSchema = z.object({
  id: z.string(),
  kind: ConversationKindSchema,
  status: ConversationStatusSchema,
  title: z.string().nullable(),
  created_at: z.iso.datetime(),
});
export type SessionInfo = z.infer<typeof SessionInfoSchema>;

/** Highest seq each side has read; drives read receipts. */
export const ReadCursorsSchema = z.object({ user: SeqSchema, agent: SeqSchema });
export type ReadCursors = z.infer<typeof ReadCursorsSchema>;

/** One row of a conversation list (REST listings). */
export const ConversationSummarySchema = z.object({
  id: z.string(),
  kind: ConversationKindSchema,
  status: ConversationStatusSchema,
  site_id: z.string().nullable(),
  visitor_id: z.string().nullable(),
  title: z.string().nullable(),
  agent: AgentRefSchema.nullable(),
  last_seq: SeqSchema,
  last_message: z.string().nullable(),
  last_message_at: z.iso.datetime().nullable(),
  created_at: z.iso.datetime(),
  updated_at: z.iso.datetime(),
});
export type ConversationSummary = z.infer<typeof ConversationSummarySchema>;
