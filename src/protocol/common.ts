import { z } from "zod";
import { metadataProblem } from "./json-bounds";
import { codePointLength, isBlank, isCleanText } from "./text";

export const IdSchema = z.string().min(1).max(64).regex(/^[A-Za-z0-9_-]+$/, "invalid id");

/** Error code of a request refused for its `metadata` (REST; sockets answer `invalid_frame`). */
export const INVALID_METADATA = "invalid_metadata";

/**
 * Free-form JSON attached to a message or escalation. Its depth, entries and size are checked
 * first, without recursion; only bounded input reaches zod's (recursive) JSON schema.
 */
export const MetadataSchema = z
  .unknown()
  .check((ctx) => {
    const problem = metadataProblem(ctx.value);
    if (problem) ctx.issues.push({ code: "custom", message: problem, input: ctx.value, params: { code: INVALID_METADATA } });
  })
  .pipe(z.record(z.string(), z.json()));
export type Metadata = z.infer<typeof MetadataSchema>;

/**
 * Free text other than a message (names, reasons, page titles): trimmed, well-formed, at most
 * `max` code points (SPEC §10). Message content has its own check, against the deployed limit.
 */
export function textSchema(max: number) {
  return z
    .string()
    .trim()
    .refine(isCleanText, { message: "text must be well-formed Unicode without control characters", params: { code: "invalid_text" } })
    .refine((text) => codePointLength(text) <= max, { message: `at most ${max} characters` });
}

/** `textSchema` that must show something: not empty, not only invisible characters. */
export function requiredTextSchema(max: number) {
  return textSchema(max).refine((text) => !isBlank(text), { message: "must not be empty" });
}

export const SeqSchema = z.int().min(0).max(Number.MAX_SAFE_INTEGER);

export const SupportStatusSchema = z.enum(["bot", "waiting", "assigned", "closed"]);
export type SupportStatus = z.infer<typeof SupportStatusSchema>;
/** The statuses of a support conversation that is not closed (SPEC §3), as an explicit list for index ranges. */
export const OPEN_SUPPORT_STATUSES = ["bot", "waiting", "assigned"] as const satisfies readonly SupportStatus[];

export const ConversationKindSchema = z.enum(["support", "direct", "group"]);
export type ConversationKind = z.infer<typeof ConversationKindSchema>;

/** `open` is the status of direct and group chats, which have no support lifecycle. */
export const ConversationStatusSchema = z.enum(["bot", "waiting", "assigned", "closed", "open"]);
export type ConversationStatus = z.infer<typeof ConversationStatusSchema>;

export const AgentRefSchema = z.object({ id: z.string(), name: z.string() });
export type AgentRef = z.infer<typeof AgentRefSchema>;
