import { z } from "zod";
import { MessageSchema } from "./message";
import { EscalationSchema } from "./conversation";
import {
  EscalateBodySchema,
  EscalationsResponseSchema,
  FaqClickBodySchema,
  HistoryQuerySchema,
  HistoryResponseSchema,
  IdentifyBodySchema,
  IdentifyResponseSchema,
  PollQuerySchema,
  PostMessageBodySchema,
  ReadBodySchema,
  LeaveMessageBodySchema,
  SessionInitBodySchema,
  SessionInitResponseSchema,
  UserConversationsResponseSchema,
} from "./rest";
import {
  AgentPublicSchema,
  ConversationDetailSchema,
  ConversationListQuerySchema,
  ConversationListResponseSchema,
  CreateAgentBodySchema,
  CreateAgentResponseSchema,
  LoginBodySchema,
  MeResponseSchema,
  UpdateAgentBodySchema,
} from "./dashboard-rest";
import { HelloFrameSchema } from "./widget-socket";
import {
  AcceptInviteBodySchema,
  ChangePasswordBodySchema,
  InviteCheckBodySchema,
  InviteCheckResponseSchema,
  InviteSchema,
} from "./credentials";
import {
  CreateSiteBodySchema,
  IdentitySecretResponseSchema,
  SiteListResponseSchema,
  SiteSchema,
  UpdateSiteBodySchema,
} from "./site-settings";
import {
  AddMemberBodySchema,
  CreateDirectBodySchema,
  CreateGroupBodySchema,
  RenameGroupBodySchema,
  TeamChatListResponseSchema,
  TeamChatSchema,
} from "./team";
import {
  ConnectionFailedBodySchema,
  RatingBodySchema,
  RatingResponseSchema,
  ReportQuerySchema,
  ReportSummarySchema,
} from "./reports";
import { CreateFaqBodySchema, FaqListResponseSchema, FaqOrderBodySchema, FaqSchema, UpdateFaqBodySchema } from "./faq-settings";

export const HealthResponseSchema = z.object({
  status: z.literal("ok"),
  database: z.literal("ok"),
  database_ms: z.number(),
  /** A round trip to a Durable Object (a ChatSession kept for this). */
  durable_object: z.literal("ok"),
  durable_object_ms: z.number(),
  time: z.iso.datetime(),
});

export const AgentListResponseSchema = z.object({ agents: z.array(AgentPublicSchema) });
/** `GET /api/openapi.json`: the parts clients rely on; the rest is OpenAPI 3.1's. */
export const OpenApiDocumentSchema = z.looseObject({
  openapi: z.literal("3.1.0"),
  info: z.looseObject({ title: z.string(), version: z.string() }),
  paths: z.record(z.string(), z.record(z.string(), z.unknown())),
});

export const DevObjectsResponseSchema = z.object({ constructions: z.record(z.string(), z.int()) });

/** One route of the HTTP API: what it takes and what it answers on success. */
export interface HttpRoute {
  method: "GET" | "POST" | "PATCH" | "PUT" | "DELETE";
  /** Hono-style path with `:params`. */
  path: string;
  /** One line for the API document (`/api/openapi.json`, `/api/docs`). */
  summary?: string;
  body?: z.ZodType;
  query?: z.ZodType;
  /**
   * Success status and body: a schema of its JSON, `null` for an empty 204, "upgrade" for a
   * WebSocket (101), "html" for a page, or "csv" for a CSV download.
   */
  ok: { status: number; body: z.ZodType | null | "upgrade" | "html" | "csv" };
  /** A repeat may also answer 200 with the same body (idempotent creates). */
  alsoOk?: number[];
}

/**
 * Every route the worker serves (SPEC §5), with the schemas its input is validated with and its
 * answers follow. Errors are always `ApiErrorBodySchema`. Tests check every response against
 * this table, and check that the app serves exactly these routes.
 */
export const HTTP_API: readonly HttpRoute[] = [
  { method: "GET", path: "/health", ok: { status: 200, body: HealthResponseSchema },
    summary: "Liveness, with a D1 and a Durable Object round trip" },
  {
    method: "POST",
    path: "/api/widget/:site_key/session",
    body: SessionInitBodySchema,
    ok: { status: 200, body: SessionInitResponseSchema },
    summary: "Get or create the browser's support session; a visitor token, the site, unread replies and availability (SPEC §4.1, §9, §12)",
  },
  {
    method: "POST",
    path: "/api/widget/:site_key/identify",
    body: IdentifyBodySchema,
    ok: { status: 200, body: IdentifyResponseSchema },
    summary: "Link the visitor to the embedder's user, proven by user_hash = hex(HMAC-SHA256(identity_secret, user_id)) (SPEC §4.9)",
  },
  {
    method: "POST",
    path: "/api/chat/:conversation_id/messages",
    body: PostMessageBodySchema,
    ok: { status: 201, body: MessageSchema },
    alsoOk: [200],
    summary: "Post a message; a repeat with the same client_msg_id answers 200 with the stored one",
  },
  {
    method: "GET",
    path: "/api/chat/:conversation_id/history",
    query: HistoryQuerySchema,
    ok: { status: 200, body: HistoryResponseSchema },
    summary: "Messages, oldest first, in pages by seq (before / after)",
  },
  {
    method: "POST",
    path: "/api/chat/:conversation_id/escalate",
    body: EscalateBodySchema,
    ok: { status: 201, body: EscalationSchema },
    summary: "Ask for a human agent",
  },
  {
    method: "POST",
    path: "/api/chat/:conversation_id/leave-message",
    body: LeaveMessageBodySchema,
    ok: { status: 201, body: MessageSchema },
    alsoOk: [200],
    summary: "The visitor's away form: the message waits in the queue, the email on the visitor (SPEC §12)",
  },
  { method: "POST", path: "/api/chat/:conversation_id/faq", body: FaqClickBodySchema, ok: { status: 201, body: MessageSchema },
    summary: "A FAQ button: the question as the visitor's message, the answer from the bot" },
  { method: "POST", path: "/api/chat/:conversation_id/read", body: ReadBodySchema, ok: { status: 204, body: null },
    summary: "Move the caller's read cursor" },
  { method: "GET", path: "/api/chat/:conversation_id/poll", query: PollQuerySchema, ok: { status: 200, body: HelloFrameSchema },
    summary: "The polling fallback: the socket's hello after a seq" },
  {
    method: "POST",
    path: "/api/chat/:conversation_id/rating",
    body: RatingBodySchema,
    ok: { status: 201, body: RatingResponseSchema },
    summary: "The visitor rates the closed conversation 1–5, once per closing; a line joins the timeline (SPEC §11)",
  },
  {
    method: "POST",
    path: "/api/chat/:conversation_id/connection-failed",
    body: ConnectionFailedBodySchema,
    ok: { status: 204, body: null },
    summary: "The widget could not open its socket: one failed connect for the connection success rate",
  },
  { method: "GET", path: "/api/chat/:conversation_id/escalations", ok: { status: 200, body: EscalationsResponseSchema },
    summary: "The conversation's requests for a human" },
  { method: "GET", path: "/api/chat/user/:user_id/conversations", ok: { status: 200, body: UserConversationsResponseSchema },
    summary: "An identified user's (or the visitor's) conversations" },
  { method: "GET", path: "/ws/chat/:session_id", ok: { status: 101, body: "upgrade" },
    summary: "A conversation socket (SPEC §6): visitor token as subprotocol bearer.<token>, or the agent cookie" },
  { method: "POST", path: "/api/auth/login", body: LoginBodySchema, ok: { status: 200, body: MeResponseSchema },
    summary: "Agent sign-in: sets the HttpOnly session cookie" },
  { method: "POST", path: "/api/auth/logout", ok: { status: 204, body: null },
    summary: "End this sign-in and its sockets" },
  { method: "GET", path: "/api/auth/me", ok: { status: 200, body: MeResponseSchema },
    summary: "The signed-in agent and their workspace" },
  { method: "POST", path: "/api/auth/password", body: ChangePasswordBodySchema, ok: { status: 204, body: null },
    summary: "Change your password; your other sign-ins end" },
  {
    method: "POST",
    path: "/api/auth/invite/check",
    body: InviteCheckBodySchema,
    ok: { status: 200, body: InviteCheckResponseSchema },
    summary: "Whom an invite link is for",
  },
  { method: "POST", path: "/api/auth/invite", body: AcceptInviteBodySchema, ok: { status: 200, body: MeResponseSchema },
    summary: "Accept an invite: set the password and sign in" },
  { method: "GET", path: "/api/dashboard/ws", ok: { status: 101, body: "upgrade" },
    summary: "The dashboard socket (SPEC §7)" },
  {
    method: "GET",
    path: "/api/conversations",
    query: ConversationListQuerySchema,
    ok: { status: 200, body: ConversationListResponseSchema },
    summary: "The inbox list by filter, in keyset pages",
  },
  { method: "GET", path: "/api/conversations/:conversation_id", ok: { status: 200, body: ConversationDetailSchema },
    summary: "One conversation with its visitor (the visitor panel)" },
  { method: "GET", path: "/api/agents", ok: { status: 200, body: AgentListResponseSchema },
    summary: "The workspace's agents" },
  { method: "POST", path: "/api/agents", body: CreateAgentBodySchema, ok: { status: 201, body: CreateAgentResponseSchema },
    summary: "Admins: add an agent; without a password the answer holds their invite link" },
  { method: "PATCH", path: "/api/agents/:agent_id", body: UpdateAgentBodySchema, ok: { status: 200, body: AgentPublicSchema },
    summary: "Admins: rename, change role, deactivate or reactivate; the last active admin stays" },
  { method: "POST", path: "/api/agents/:agent_id/invite", ok: { status: 201, body: InviteSchema },
    summary: "Admins: a one-time sign-in link (7 days), also a password reset" },
  { method: "GET", path: "/api/sites", ok: { status: 200, body: SiteListResponseSchema },
    summary: "The workspace's sites: settings for admins, id, name and key for agents" },
  { method: "POST", path: "/api/sites", body: CreateSiteBodySchema, ok: { status: 201, body: SiteSchema },
    summary: "Admins: create a site" },
  { method: "GET", path: "/api/sites/:site_id", ok: { status: 200, body: SiteSchema },
    summary: "Admins: a site's settings" },
  { method: "PATCH", path: "/api/sites/:site_id", body: UpdateSiteBodySchema, ok: { status: 200, body: SiteSchema },
    summary: "Admins: change a site's settings; the widget reads them at its next init" },
  { method: "DELETE", path: "/api/sites/:site_id", ok: { status: 204, body: null },
    summary: "Admins: delete a site: its key stops, its open conversations close, their history stays" },
  { method: "POST", path: "/api/sites/:site_id/identity-secret", ok: { status: 200, body: IdentitySecretResponseSchema },
    summary: "Admins: a new identity secret, shown once; the old one stops at once" },
  { method: "GET", path: "/api/sites/:site_id/faqs", ok: { status: 200, body: FaqListResponseSchema },
    summary: "Admins: a site's FAQs in the widget's order" },
  { method: "POST", path: "/api/sites/:site_id/faqs", body: CreateFaqBodySchema, ok: { status: 201, body: FaqSchema },
    summary: "Admins: add a FAQ" },
  {
    method: "PUT",
    path: "/api/sites/:site_id/faqs/order",
    body: FaqOrderBodySchema,
    ok: { status: 200, body: FaqListResponseSchema },
    summary: "Admins: reorder a site's FAQs",
  },
  { method: "PATCH", path: "/api/faqs/:faq_id", body: UpdateFaqBodySchema, ok: { status: 200, body: FaqSchema },
    summary: "Admins: change a FAQ" },
  { method: "DELETE", path: "/api/faqs/:faq_id", ok: { status: 204, body: null },
    summary: "Admins: delete a FAQ" },
  { method: "GET", path: "/api/team/chats", ok: { status: 200, body: TeamChatListResponseSchema },
    summary: "Your team chats with unread counts, and the total" },
  { method: "POST", path: "/api/team/direct", body: CreateDirectBodySchema, ok: { status: 200, body: TeamChatSchema },
    summary: "Open the direct chat with a teammate by email (the same pair always gets the same chat)" },
  { method: "POST", path: "/api/team/groups", body: CreateGroupBodySchema, ok: { status: 201, body: TeamChatSchema },
    summary: "Create a group chat; you are its admin" },
  { method: "GET", path: "/api/team/chats/:chat_id", ok: { status: 200, body: TeamChatSchema },
    summary: "One team chat (members only)" },
  { method: "PATCH", path: "/api/team/chats/:chat_id", body: RenameGroupBodySchema, ok: { status: 200, body: TeamChatSchema },
    summary: "Group admin: rename" },
  { method: "DELETE", path: "/api/team/chats/:chat_id", ok: { status: 204, body: null },
    summary: "Group admin: delete the group for everyone" },
  { method: "POST", path: "/api/team/chats/:chat_id/hide", ok: { status: 204, body: null },
    summary: "Hide a chat for you; a new message brings it back" },
  {
    method: "POST",
    path: "/api/team/chats/:chat_id/members",
    body: AddMemberBodySchema,
    ok: { status: 201, body: TeamChatSchema },
    summary: "Group admin: add a member by email",
  },
  { method: "DELETE", path: "/api/team/chats/:chat_id/members/:agent_id", ok: { status: 204, body: null },
    summary: "Group admin: remove a member; yourself = leave" },
  {
    method: "GET",
    path: "/api/reports/summary",
    query: ReportQuerySchema,
    ok: { status: 200, body: ReportSummarySchema },
    summary: "Figures by day in a time zone, and totals: the workspace for admins, their own conversations for agents (SPEC §5, §11)",
  },
  { method: "GET", path: "/api/reports/export.csv", query: ReportQuerySchema, ok: { status: 200, body: "csv" },
    summary: "The summary's rows as CSV: a header, one row per day, a totals row" },
  { method: "GET", path: "/api/openapi.json", ok: { status: 200, body: OpenApiDocumentSchema },
    summary: "This API as an OpenAPI 3.1 document, generated from its zod schemas" },
  { method: "GET", path: "/api/docs", ok: { status: 200, body: "html" },
    summary: "This API as a page to read" },
  { method: "GET", path: "/api/dev/objects", ok: { status: 200, body: DevObjectsResponseSchema },
    summary: "End-to-end tests only (DEV_INSPECTION=1): Durable Object constructions" },
];

/** The route of `HTTP_API` that serves a concrete request path, if any. */
export function findHttpRoute(method: string, pathname: string): HttpRoute | undefined {
  return HTTP_API.find((route) => route.method === method && pathPattern(route.path).test(pathname));
}

function pathPattern(path: string): RegExp {
  return new RegExp(`^${path.replace(/:[a-z_]+/g, "[^/]+")}$`);
}
