import { z } from "zod";
import { METADATA_MAX_CHARS } from "./limits";

export const IdSchema = z.string().min(1).max(64).regex(/^[A-Za-z0-9_-]+$/, "invalid id");

/** Free-form JSON attached to a message or escalation, bounded once serialized. */
export const MetadataSchema = z
  .record(z.string(), z.json())
  .refine((value) => JSON.stringify(value).length <= METADATA_MAX_CHARS, {
    message: `metadata must serialize to at most ${METADATA_MAX_CHARS} characters`,
  });
export type Metadata = z.infer<typeof MetadataSchema>;

export const SeqSchema = z.int().min(0).max(Number.MAX_SAFE_INTEGER);

export const SupportStatusSchema = z.enum(["bot", "waiting", "assigned", "closed"]);
export type SupportStatus = z.infer<typeof SupportStatusSchema>;

export const ConversationKindSchema = z.enum(["support", "direct", "group"]);
export type ConversationKind = z.infer<typeof ConversationKindSchema>;

/** `open` is the status of direct and group chats, which have no support lifecycle. */
export const ConversationStatusSchema = z.enum(["bot", "waiting", "assigned", "closed", "open"]);
export type ConversationStatus = z.infer<typeof ConversationStatusSchema>;

export const AgentRefSchema = z.object({ id: z.string(), name: z.string() });
export type AgentRef = z.infer<typeof AgentRefSchema>;
