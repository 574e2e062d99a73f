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
import { CreateFaqBodySchema, FaqListResponseSchema, FaqOrderBodySchema, FaqSchema, UpdateFaqBodySchema } from "./faq-settings";

export const HealthResponseSchema = z.object({
  status: z.literal("ok"),
  database: z.literal("ok"),
  database_ms: z.number(),
  time: z.iso.datetime(),
});

export const AgentListResponseSchema = z.object({ agents: z.array(AgentPublicSchema) });
export const DevObjectsResponseSchema = z.object({ constructions: z.record(z.string(), z.int()) });

/** One route of the HTTP API: what it takes and what it answers on success. */
export interface HttpRoute {
  method: "GET" | "POST" | "PATCH" | "PUT" | "DELETE";
  /** Hono-style path with `:params`. */
  path: string;
  body?: z.ZodType;
  query?: z.ZodType;
  /** Success status and body: a schema, `null` for an empty 204, or "upgrade" for a WebSocket (101). */
  ok: { status: number; body: z.ZodType | null | "upgrade" };
  /** A repeat may also answer 200 with the same body (idempotent creates). */
  alsoOk?: number[];
}

/**
 * Every route the worker serves (SPEC §5), with the schemas its input is validated with and its
 * answers follow. Errors are always `ApiErrorBodySchema`. Tests check every response against
 * this table, and check that the app serves exactly these routes.
 */
export const HTTP_API: readonly HttpRoute[] = [
  { method: "GET", path: "/health", ok: { status: 200, body: HealthResponseSchema } },
  {
    method: "POST",
    path: "/api/widget/:site_key/session",
    body: SessionInitBodySchema,
    ok: { status: 200, body: SessionInitResponseSchema },
  },
  {
    method: "POST",
    path: "/api/widget/:site_key/identify",
    body: IdentifyBodySchema,
    ok: { status: 200, body: IdentifyResponseSchema },
  },
  {
    method: "POST",
    path: "/api/chat/:conversation_id/messages",
    body: PostMessageBodySchema,
    ok: { status: 201, body: MessageSchema },
    alsoOk: [200],
  },
  {
    method: "GET",
    path: "/api/chat/:conversation_id/history",
    query: HistoryQuerySchema,
    ok: { status: 200, body: HistoryResponseSchema },
  },
  { method: "POST", path: "/api/chat/:conversation_id/escalate", body: EscalateBodySchema, ok: { status: 201, body: EscalationSchema } },
  {
    method: "POST",
    path: "/api/chat/:conversation_id/leave-message",
    body: LeaveMessageBodySchema,
    ok: { status: 201, body: MessageSchema },
    alsoOk: [200],
  },
  { method: "POST", path: "/api/chat/:conversation_id/faq", body: FaqClickBodySchema, ok: { status: 201, body: MessageSchema } },
  { method: "POST", path: "/api/chat/:conversation_id/read", body: ReadBodySchema, ok: { status: 204, body: null } },
  { method: "GET", path: "/api/chat/:conversation_id/poll", query: PollQuerySchema, ok: { status: 200, body: HelloFrameSchema } },
  { method: "GET", path: "/api/chat/:conversation_id/escalations", ok: { status: 200, body: EscalationsResponseSchema } },
  { method: "GET", path: "/api/chat/user/:user_id/conversations", ok: { status: 200, body: UserConversationsResponseSchema } },
  { method: "GET", path: "/ws/chat/:session_id", ok: { status: 101, body: "upgrade" } },
  { method: "POST", path: "/api/auth/login", body: LoginBodySchema, ok: { status: 200, body: MeResponseSchema } },
  { method: "POST", path: "/api/auth/logout", ok: { status: 204, body: null } },
  { method: "GET", path: "/api/auth/me", ok: { status: 200, body: MeResponseSchema } },
  { method: "POST", path: "/api/auth/password", body: ChangePasswordBodySchema, ok: { status: 204, body: null } },
  {
    method: "POST",
    path: "/api/auth/invite/check",
    body: InviteCheckBodySchema,
    ok: { status: 200, body: InviteCheckResponseSchema },
  },
  { method: "POST", path: "/api/auth/invite", body: AcceptInviteBodySchema, ok: { status: 200, body: MeResponseSchema } },
  { method: "GET", path: "/api/dashboard/ws", ok: { status: 101, body: "upgrade" } },
  {
    method: "GET",
    path: "/api/conversations",
    query: ConversationListQuerySchema,
    ok: { status: 200, body: ConversationListResponseSchema },
  },
  { method: "GET", path: "/api/conversations/:conversation_id", ok: { status: 200, body: ConversationDetailSchema } },
  { method: "GET", path: "/api/agents", ok: { status: 200, body: AgentListResponseSchema } },
  { method: "POST", path: "/api/agents", body: CreateAgentBodySchema, ok: { status: 201, body: CreateAgentResponseSchema } },
  { method: "PATCH", path: "/api/agents/:agent_id", body: UpdateAgentBodySchema, ok: { status: 200, body: AgentPublicSchema } },
  { method: "POST", path: "/api/agents/:agent_id/invite", ok: { status: 201, body: InviteSchema } },
  { method: "GET", path: "/api/sites", ok: { status: 200, body: SiteListResponseSchema } },
  { method: "POST", path: "/api/sites", body: CreateSiteBodySchema, ok: { status: 201, body: SiteSchema } },
  { method: "GET", path: "/api/sites/:site_id", ok: { status: 200, body: SiteSchema } },
  { method: "PATCH", path: "/api/sites/:site_id", body: UpdateSiteBodySchema, ok: { status: 200, body: SiteSchema } },
  { method: "DELETE", path: "/api/sites/:site_id", ok: { status: 204, body: null } },
  { method: "POST", path: "/api/sites/:site_id/identity-secret", ok: { status: 200, body: IdentitySecretResponseSchema } },
  { method: "GET", path: "/api/sites/:site_id/faqs", ok: { status: 200, body: FaqListResponseSchema } },
  { method: "POST", path: "/api/sites/:site_id/faqs", body: CreateFaqBodySchema, ok: { status: 201, body: FaqSchema } },
  { method: "PUT", path: "/api/sites/:site_id/faqs/order", body: FaqOrderBodySchema, ok: { status: 200, body: FaqListResponseSchema } },
  { method: "PATCH", path: "/api/faqs/:faq_id", body: UpdateFaqBodySchema, ok: { status: 200, body: FaqSchema } },
  { method: "DELETE", path: "/api/faqs/:faq_id", ok: { status: 204, body: null } },
  { method: "GET", path: "/api/dev/objects", ok: { status: 200, body: DevObjectsResponseSchema } },
];

/** The route of `HTTP_API` that serves a concrete request path, if any. */
export function findHttpRoute(method: string, pathname: string): HttpRoute | undefined {
  return HTTP_API.find((route) => route.method === method && pathPattern(route.path).test(pathname));
}

function pathPattern(path: string): RegExp {
  return new RegExp(`^${path.replace(/:[a-z_]+/g, "[^/]+")}$`);
}
