import { z } from "zod";
import { MetadataSchema, SeqSchema } from "./common";

export const SenderTypeSchema = z.enum(["user", "agent", "bot", "system"]);
export type SenderType = z.infer<typeof SenderTypeSchema>;

/** A stored chat message as every client sees it (SPEC §3). */
export const MessageSchema = z.object({
  id: z.string(),
  seq: SeqSchema,
  conversation_id: z.string(),
  sender_id: z.string(),
  sender_type: SenderTypeSchema,
  sender_name: z.string(),
  content: z.string(),
  timestamp: z.iso.datetime(),
  client_msg_id: z.string().optional(),
  metadata: MetadataSchema.optional(),
});
export type Message = z.infer<typeof MessageSchema>;

/** A button the bot offers under its answer; clicking it sends the matching socket frame. */
export const MessageActionSchema = z.object({
  type: z.literal("escalate"),
  label: z.string(),
});
export type MessageAction = z.infer<typeof MessageActionSchema>;
