import { z } from "zod";
import { AgentRefSchema, ConversationKindSchema, IdSchema, requiredTextSchema } from "./common";
import { ConversationSummarySchema } from "./conversation";
import { InviteSchema, NewPasswordSchema } from "./credentials";

export const RoleSchema = z.enum(["admin", "agent"]);
export type Role = z.infer<typeof RoleSchema>;

export const AgentPublicSchema = AgentRefSchema.extend({
  email: z.string(),
  role: RoleSchema,
  active: z.boolean(),
});
export type AgentPublic = z.infer<typeof AgentPublicSchema>;

export const LoginBodySchema = z.object({
  email: z.string().trim().toLowerCase().max(254),
  password: z.string().min(1).max(200),
});

export const MeResponseSchema = z.object({
  agent: AgentPublicSchema,
  workspace: z.object({ id: z.string(), name: z.string() }),
});
export type MeResponse = z.infer<typeof MeResponseSchema>;

export const CreateAgentBodySchema = z.object({
  email: z.email().max(254).transform((email) => email.toLowerCase()),
  name: requiredTextSchema(120),
  role: RoleSchema.default("agent"),
  /** Without one, the answer carries an invite link with which the agent chooses their own. */
  password: NewPasswordSchema.optional(),
});

/** The new agent; `invite` is their one-time sign-in link when they were created without a password. */
export const CreateAgentResponseSchema = AgentPublicSchema.extend({ invite: InviteSchema.nullable() });
export type CreateAgentResponse = z.infer<typeof CreateAgentResponseSchema>;

export const UpdateAgentBodySchema = z
  .object({
    name: requiredTextSchema(120).optional(),
    role: RoleSchema.optional(),
    active: z.boolean().optional(),
  })
  .refine((body) => Object.keys(body).length > 0, { message: "nothing to change" });

/** Inbox filters of the dashboard (SPEC §7 "list all sessions with filters"). */
export const InboxFilterSchema = z.enum(["waiting", "mine", "open", "bot", "closed", "all"]);
export type InboxFilter = z.infer<typeof InboxFilterSchema>;

export const ConversationListQuerySchema = z.object({
  filter: InboxFilterSchema.default("open"),
  site_id: IdSchema.optional(),
  kind: ConversationKindSchema.default("support"),
  limit: z.coerce.number().int().min(1).max(100).default(30),
  /** Opaque keyset cursor from the previous page's `next_cursor`. */
  cursor: z.string().max(200).optional(),
});
export type ConversationListQuery = z.infer<typeof ConversationListQuerySchema>;

export const ConversationListItemSchema = ConversationSummarySchema.extend({
  visitor_name: z.string().nullable(),
  site_name: z.string().nullable(),
  waiting_since: z.iso.datetime().nullable(),
  closed_at: z.iso.datetime().nullable(),
  started_at: z.iso.datetime().nullable(),
});
export type ConversationListItem = z.infer<typeof ConversationListItemSchema>;

export const ConversationListResponseSchema = z.object({
  conversations: z.array(ConversationListItemSchema),
  next_cursor: z.string().nullable(),
});
export type ConversationListResponse = z.infer<typeof ConversationListResponseSchema>;

/** What agents see about a visitor beside the conversation (the visitor panel). */
export const VisitorDetailSchema = z.object({
  id: z.string(),
  name: z.string(),
  email: z.string().nullable(),
  /** An address the visitor typed into the away form (SPEC §12): theirs by their word only. */
  contact_email: z.string().nullable(),
  external_user_id: z.string().nullable(),
  identified: z.boolean(),
  page_url: z.string().nullable(),
  page_title: z.string().nullable(),
  referrer: z.string().nullable(),
  browser: z.string().nullable(),
  os: z.string().nullable(),
  user_agent: z.string().nullable(),
  country: z.string().nullable(),
  city: z.string().nullable(),
  timezone: z.string().nullable(),
  locale: z.string().nullable(),
  first_seen_at: z.iso.datetime(),
  last_seen_at: z.iso.datetime(),
});
export type VisitorDetail = z.infer<typeof VisitorDetailSchema>;

export const ConversationDetailSchema = z.object({
  conversation: ConversationListItemSchema,
  visitor: VisitorDetailSchema.nullable(),
  previous_conversations: z.array(ConversationSummarySchema),
});
export type ConversationDetail = z.infer<typeof ConversationDetailSchema>;

export const SiteSummarySchema = z.object({ id: z.string(), name: z.string(), site_key: z.string() });
export type SiteSummary = z.infer<typeof SiteSummarySchema>;
