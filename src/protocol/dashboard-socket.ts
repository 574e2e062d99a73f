import { z } from "zod";
import { AgentRefSchema, ConversationStatusSchema, IdSchema, SeqSchema } from "./common";
import { MessageSchema } from "./message";
import { ClientMsgIdSchema, ContentSchema } from "./widget-socket";
import { SESSIONS_PAGE, SESSIONS_PAGE_MAX } from "./limits";
import { TeamChatSchema } from "./team";

/**
 * The dashboard socket (`/api/dashboard/ws`, SPEC §7). Names and fields of the published part are
 * exactly the SPEC's; extensions follow the same `{type, data}` style.
 */

/** A support session as a dashboard sees it. `customer_id` is the visitor; `page_id` the site. */
export const CustomerSchema = z.object({
  customer_id: z.string(),
  customer_name: z.string(),
  page_id: z.string(),
  page_name: z.string(),
  status: ConversationStatusSchema,
  last_message: z.string().nullable(),
  last_message_at: z.iso.datetime().nullable(),
  waiting_since: z.iso.datetime().nullable(),
  time_since_last_conversation: z.string(),
  is_assigned: z.boolean(),
  agent_id: z.string().nullable(),
  agent_name: z.string().nullable(),
  is_assigned_to_me: z.boolean(),
  unread_count: z.int(),
  session_id: z.string(),
  escalation_reason: z.string().nullable(),
  started_at: z.iso.datetime(),
  last_seq: SeqSchema,
});
export type Customer = z.infer<typeof CustomerSchema>;

/** Live filters over open sessions; closed ones are listed over REST. */
export const SessionFilterSchema = z.enum(["waiting", "mine", "open", "bot"]);
export type SessionFilter = z.infer<typeof SessionFilterSchema>;

const CustomerTarget = z.object({ customer_id: IdSchema, page_id: IdSchema });

export const DashboardClientFrameSchema = z.discriminatedUnion("type", [
  z.object({
    type: z.literal("get_stopped_customers"),
    data: z
      .object({
        page_id: IdSchema.optional(),
        limit: z.int().min(1).max(200).default(50),
        skip: z.int().min(0).default(0),
      })
      .default({ limit: 50, skip: 0 }),
  }),
  z.object({ type: z.literal("assign_agent"), data: CustomerTarget }),
  z.object({
    type: z.literal("send_message"),
    customer_id: IdSchema,
    page_id: IdSchema,
    message: ContentSchema,
    client_msg_id: ClientMsgIdSchema.optional(),
  }),
  z.object({ type: z.literal("unassign_agent"), data: CustomerTarget }),
  z.object({ type: z.literal("transfer_agent"), data: CustomerTarget.extend({ agent_id: IdSchema }) }),
  z.object({ type: z.literal("close_session"), data: CustomerTarget }),
  z.object({ type: z.literal("typing"), data: CustomerTarget.extend({ is_typing: z.boolean() }) }),
  z.object({ type: z.literal("mark_read"), data: CustomerTarget.extend({ seq: SeqSchema }) }),
  /**
   * One page of the live list: waiting customers first (longest wait first), then the agent's
   * own, then the rest by last activity. `cursor` is the previous page's `next_cursor`.
   */
  z.object({
    type: z.literal("get_sessions"),
    data: z
      .object({
        filter: SessionFilterSchema.default("open"),
        page_id: IdSchema.optional(),
        cursor: z.string().max(200).optional(),
        limit: z.int().min(1).max(SESSIONS_PAGE_MAX).default(SESSIONS_PAGE),
      })
      .default({ filter: "open", limit: SESSIONS_PAGE }),
  }),
  /**
   * SPEC §7: "relevant" sends `new_message` only for customers assigned to this agent, waiting,
   * or viewed, and the list's preview of the rest as coalesced `session_updated`; typing only for
   * viewed ones. "all" (the default) sends every `new_message` and all typing.
   */
  /**
   * SPEC §7 feeds. `batch`: the frames one lobby event makes for this dashboard come as one
   * `batch` frame instead of one socket message each (Parley's dashboard asks; default off).
   */
  z.object({ type: z.literal("set_feed"), data: z.object({ messages: z.enum(["all", "relevant"]), batch: z.boolean().optional() }) }),
  z.object({ type: z.literal("view_customer"), data: z.object({ customer_id: IdSchema }) }),
  z.object({ type: z.literal("unview_customer"), data: z.object({ customer_id: IdSchema }) }),
  z.object({ type: z.literal("get_agents"), data: z.object({}).default({}) }),
  /** The agent sets themself away (no new customers come back to them) or available again (SPEC §12). */
  z.object({ type: z.literal("set_presence"), data: z.object({ away: z.boolean() }) }),
]);
export type DashboardClientFrame = z.infer<typeof DashboardClientFrameSchema>;

export const AgentPresenceSchema = AgentRefSchema.extend({
  role: z.enum(["admin", "agent"]),
  /** Has a dashboard open (or is reloading one). */
  online: z.boolean(),
  /** Set themself away: online agents who are away take no customers. */
  away: z.boolean(),
});
export type AgentPresence = z.infer<typeof AgentPresenceSchema>;

const event = <T extends string, D extends z.ZodType>(type: T, data: D) =>
  z.object({ type: z.literal(type), data });

/** Every frame the lobby sends a dashboard, one per socket message unless batched. */
const DashboardOneFrameSchema = z.union([
  z.object({
    type: z.literal("connected"),
    user_id: z.string(),
    data: z.object({
      agent: AgentRefSchema.extend({ email: z.string(), role: z.enum(["admin", "agent"]) }),
      workspace_id: z.string(),
      /** The deployment's limits: message length in code points, keep-alive ping interval in ms. */
      limits: z.object({ max_message_length: z.int(), keepalive_ms: z.int() }),
    }),
  }),
  event("stopped_customers", z.object({ customers: z.array(CustomerSchema), total: z.int() })),
  event(
    "sessions",
    z.object({ filter: SessionFilterSchema, customers: z.array(CustomerSchema), next_cursor: z.string().nullable() }),
  ),
  event("session_updated", z.object({ customer: CustomerSchema })),
  event("agent_assigned", z.object({ customer: CustomerSchema })),
  event("agent_unassigned", z.object({ customer: CustomerSchema })),
  event("agent_transferred", z.object({ customer: CustomerSchema })),
  event("session_closed", z.object({ customer: CustomerSchema })),
  event("message_sent", z.object({ customer_id: z.string(), page_id: z.string(), message: MessageSchema })),
  event("new_session", z.object({ customer: CustomerSchema })),
  event(
    "agent_requested",
    z.object({
      customer_id: z.string(),
      customer_name: z.string(),
      page_id: z.string(),
      reason: z.string(),
      customer: CustomerSchema,
    }),
  ),
  event(
    "agent_assignment_changed",
    z.object({
      action: z.enum(["assigned", "unassigned"]),
      customer_id: z.string(),
      page_id: z.string(),
      agent_id: z.string().nullable(),
      agent_name: z.string().nullable(),
      customer: CustomerSchema,
    }),
  ),
  event("customer_stop_status_changed", z.object({ stop: z.boolean(), customer: CustomerSchema })),
  event(
    "new_message",
    z.object({ customer_id: z.string(), page_id: z.string(), message: MessageSchema, is_human: z.boolean() }),
  ),
  event(
    "typing",
    z.object({ customer_id: z.string(), page_id: z.string(), sender_type: z.string(), sender_name: z.string(), is_typing: z.boolean() }),
  ),
  event("read", z.object({ customer_id: z.string(), page_id: z.string(), unread_count: z.int() })),
  event("agents", z.object({ agents: z.array(AgentPresenceSchema) })),
  event("agent_presence", AgentPresenceSchema),
  /**
   * Team chat list (SPEC §4.10, §7 "unread totals for team chats"), to the chat's members' dashboards
   * only: a chat changed (new messages, read, renamed, members), as the receiving member sees it;
   * left the member's list (removed, left, deleted); the member's unread total over all their chats.
   * Sent after D1 holds the change, so a client that lists `GET /api/team/chats` after `connected`
   * misses nothing.
   */
  event("team_chat_updated", z.object({ chat: TeamChatSchema })),
  event("team_chat_removed", z.object({ chat_id: z.string() })),
  event("team_unread", z.object({ unread_total: z.int().min(0) })),
  z.object({ type: z.literal("error"), error: z.string(), code: z.string() }),
]);

/**
 * The frames one lobby event made for a dashboard that asked for batches (`set_feed` `batch`),
 * in order, in one socket message: a new visitor is one message instead of five.
 */
const DashboardBatchSchema = event("batch", z.object({ frames: z.array(DashboardOneFrameSchema).min(2) }));

export const DashboardServerFrameSchema = z.union([DashboardOneFrameSchema, DashboardBatchSchema]);
export type DashboardServerFrame = z.infer<typeof DashboardServerFrameSchema>;
/** A frame as a dashboard handles it: a batch's frames are handled one by one. */
export type DashboardOneFrame = z.infer<typeof DashboardOneFrameSchema>;
export type DashboardEvent<T extends DashboardServerFrame["type"]> = Extract<DashboardServerFrame, { type: T }>;
