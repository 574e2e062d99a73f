import { createHmac } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import WebSocket from "ws";
import { DEMO } from "../../scripts/lib/demo-data";
import { HTTP_API, type Faq, type Invite, type SessionInitResponse, type Site, type TeamChat } from "../../src/protocol";
import { loginCookie } from "./support/agent-client";
import { apiJson, callApi, whenOpen, type ApiCall } from "./support/api";
import { DevServer } from "./support/dev-server";

const INVALID_CREDENTIALS = '{"error":{"code":"invalid_credentials","message":"Email or password is wrong"}}';
const [ADMIN, SAM] = DEMO.agents;

/** What the sweep knows once it has a visitor's session and an agent's sign-in. */
interface Callers {
  session: SessionInitResponse;
  cookie: string;
  /** A second sign-in of its own, for the logout, so the sweep's cookie stays valid. */
  leavingCookie: string;
  /** Sites and a FAQ made for the sweep, so its changes and deletes leave the demo site as it was. */
  spareSiteId: string;
  doomedSiteId: string;
  spareFaqId: string;
  /** The token of a one-time sign-in link for Sam, to check and use. */
  inviteToken: string;
  /** Team groups made for the sweep: one to change, one to delete. */
  groupId: string;
  doomedGroupId: string;
}

/** One request to a route: an API call, or a WebSocket upgrade. */
type Probe = { path: string; call?: ApiCall; status?: number } | { socket: string; protocols?: string[]; cookie?: string };

/**
 * A plausible, simple request for each route, by its method and path. A route of the contract
 * without a probe here fails the sweep, so a new route is exercised from day one.
 */
const PROBES: Record<string, (callers: Callers) => Probe> = {
  "GET /health": () => ({ path: "/health" }),
  "POST /api/widget/:site_key/session": () => ({
    path: `/api/widget/${DEMO.siteKey}/session`,
    call: { body: { browser_session_id: "fresh-isolate-browser" } },
  }),
  "POST /api/widget/:site_key/identify": ({ session }) => ({
    path: `/api/widget/${DEMO.siteKey}/identify`,
    call: {
      token: session.visitor_token,
      body: { user_id: "fresh-user", user_hash: createHmac("sha256", DEMO.identitySecret).update("fresh-user").digest("hex"), name: "Fresh" },
    },
  }),
  "POST /api/chat/:conversation_id/messages": ({ session }) => ({
    path: `/api/chat/${session.session_id}/messages`,
    call: { token: session.visitor_token, body: { content: "Hello there", client_msg_id: "fresh-1" } },
  }),
  "GET /api/chat/:conversation_id/history": ({ session }) => ({
    path: `/api/chat/${session.session_id}/history?limit=10`,
    call: { token: session.visitor_token },
  }),
  "POST /api/chat/:conversation_id/escalate": ({ session }) => ({
    path: `/api/chat/${session.session_id}/escalate`,
    call: { token: session.visitor_token, body: { reason: "Checking every route" } },
  }),
  "POST /api/chat/:conversation_id/leave-message": ({ session }) => ({
    path: `/api/chat/${session.session_id}/leave-message`,
    call: { token: session.visitor_token, body: { email: "fresh@example.com", content: "Leaving a note", client_msg_id: "fresh-away" } },
  }),
  // An open conversation cannot be rated: the answer is the contract's refusal (rating itself: widget-rating.test.ts).
  "POST /api/chat/:conversation_id/rating": ({ session }) => ({
    path: `/api/chat/${session.session_id}/rating`,
    call: { token: session.visitor_token, body: { score: 5 } },
    status: 409,
  }),
  "POST /api/chat/:conversation_id/connection-failed": ({ session }) => ({
    path: `/api/chat/${session.session_id}/connection-failed`,
    call: { token: session.visitor_token, body: { transport_fallback: "polling" } },
  }),
  "POST /api/chat/:conversation_id/faq": ({ session }) => ({
    path: `/api/chat/${session.session_id}/faq`,
    call: { token: session.visitor_token, body: { faq_id: "faq_demo_1" } },
  }),
  "POST /api/chat/:conversation_id/read": ({ session }) => ({
    path: `/api/chat/${session.session_id}/read`,
    call: { token: session.visitor_token, body: { seq: 1 } },
  }),
  "GET /api/chat/:conversation_id/poll": ({ session }) => ({
    path: `/api/chat/${session.session_id}/poll?after_seq=0`,
    call: { token: session.visitor_token },
  }),
  "GET /api/chat/:conversation_id/escalations": ({ session }) => ({
    path: `/api/chat/${session.session_id}/escalations`,
    call: { token: session.visitor_token },
  }),
  "GET /api/chat/user/:user_id/conversations": ({ session }) => ({
    path: `/api/chat/user/${session.visitor_id}/conversations`,
    call: { token: session.visitor_token },
  }),
  "GET /ws/chat/:session_id": ({ session }) => ({
    socket: `/ws/chat/${session.session_id}`,
    protocols: ["parley.v1", `bearer.${session.visitor_token}`],
  }),
  "POST /api/auth/login": () => ({ path: "/api/auth/login", call: { body: { email: ADMIN.email, password: DEMO.password } } }),
  "POST /api/auth/logout": ({ leavingCookie }) => ({ path: "/api/auth/logout", call: { method: "POST", cookie: leavingCookie } }),
  "GET /api/auth/me": ({ cookie }) => ({ path: "/api/auth/me", call: { cookie } }),
  "POST /api/auth/password": ({ cookie }) => ({
    path: "/api/auth/password",
    call: { cookie, body: { current_password: DEMO.password, new_password: "a-new-sweep-password" } },
  }),
  "POST /api/auth/invite/check": ({ inviteToken }) => ({ path: "/api/auth/invite/check", call: { body: { token: inviteToken } } }),
  "POST /api/auth/invite": ({ inviteToken }) => ({
    path: "/api/auth/invite",
    call: { body: { token: inviteToken, password: "sams-own-password" } },
  }),
  "GET /api/dashboard/ws": ({ cookie }) => ({ socket: "/api/dashboard/ws", cookie }),
  "GET /api/conversations": ({ cookie }) => ({ path: "/api/conversations?filter=open", call: { cookie } }),
  "GET /api/conversations/:conversation_id": ({ session, cookie }) => ({ path: `/api/conversations/${session.session_id}`, call: { cookie } }),
  "GET /api/agents": ({ cookie }) => ({ path: "/api/agents", call: { cookie } }),
  "POST /api/agents": ({ cookie }) => ({
    path: "/api/agents",
    call: { cookie, body: { email: "fresh-agent@example.com", name: "Fresh Agent", role: "agent", password: "a-long-enough-password" } },
  }),
  "PATCH /api/agents/:agent_id": ({ cookie }) => ({
    path: `/api/agents/${SAM.id}`,
    call: { method: "PATCH", cookie, body: { name: SAM.name } },
  }),
  "POST /api/agents/:agent_id/invite": ({ cookie }) => ({ path: `/api/agents/${SAM.id}/invite`, call: { method: "POST", cookie } }),
  "GET /api/sites": ({ cookie }) => ({ path: "/api/sites", call: { cookie } }),
  "POST /api/sites": ({ cookie }) => ({ path: "/api/sites", call: { cookie, body: { name: "Fresh site", allowed_origins: DEMO.origins } } }),
  "GET /api/sites/:site_id": ({ cookie }) => ({ path: `/api/sites/${DEMO.siteId}`, call: { cookie } }),
  "PATCH /api/sites/:site_id": ({ cookie, spareSiteId }) => ({
    path: `/api/sites/${spareSiteId}`,
    call: { method: "PATCH", cookie, body: { greeting: "Hello from the sweep" } },
  }),
  "DELETE /api/sites/:site_id": ({ cookie, doomedSiteId }) => ({ path: `/api/sites/${doomedSiteId}`, call: { method: "DELETE", cookie } }),
  "POST /api/sites/:site_id/identity-secret": ({ cookie, spareSiteId }) => ({
    path: `/api/sites/${spareSiteId}/identity-secret`,
    call: { method: "POST", cookie },
  }),
  "GET /api/sites/:site_id/faqs": ({ cookie }) => ({ path: `/api/sites/${DEMO.siteId}/faqs`, call: { cookie } }),
  "POST /api/sites/:site_id/faqs": ({ cookie, spareSiteId }) => ({
    path: `/api/sites/${spareSiteId}/faqs`,
    call: { cookie, body: { question: "Is this the sweep?", answer: "Yes." } },
  }),
  "PUT /api/sites/:site_id/faqs/order": ({ cookie }) => ({
    path: `/api/sites/${DEMO.siteId}/faqs/order`,
    call: { method: "PUT", cookie, body: { ids: DEMO.faqs.map((_, i) => `faq_demo_${i + 1}`) } },
  }),
  "PATCH /api/faqs/:faq_id": ({ cookie, spareFaqId }) => ({
    path: `/api/faqs/${spareFaqId}`,
    call: { method: "PATCH", cookie, body: { answer: "Still yes." } },
  }),
  "DELETE /api/faqs/:faq_id": ({ cookie, spareFaqId }) => ({ path: `/api/faqs/${spareFaqId}`, call: { method: "DELETE", cookie } }),
  "GET /api/team/chats": ({ cookie }) => ({ path: "/api/team/chats", call: { cookie } }),
  "POST /api/team/direct": ({ cookie }) => ({ path: "/api/team/direct", call: { cookie, body: { email: SAM.email } } }),
  "POST /api/team/groups": ({ cookie }) => ({
    path: "/api/team/groups",
    call: { cookie, body: { name: "Fresh group", member_emails: [SAM.email] } },
  }),
  "GET /api/team/chats/:chat_id": ({ cookie, groupId }) => ({ path: `/api/team/chats/${groupId}`, call: { cookie } }),
  "PATCH /api/team/chats/:chat_id": ({ cookie, groupId }) => ({
    path: `/api/team/chats/${groupId}`,
    call: { method: "PATCH", cookie, body: { name: "Sweep group, renamed" } },
  }),
  "DELETE /api/team/chats/:chat_id": ({ cookie, doomedGroupId }) => ({ path: `/api/team/chats/${doomedGroupId}`, call: { method: "DELETE", cookie } }),
  "POST /api/team/chats/:chat_id/hide": ({ cookie, groupId }) => ({ path: `/api/team/chats/${groupId}/hide`, call: { method: "POST", cookie } }),
  // The agent the sweep's POST /api/agents made.
  "POST /api/team/chats/:chat_id/members": ({ cookie, groupId }) => ({
    path: `/api/team/chats/${groupId}/members`,
    call: { cookie, body: { email: "fresh-agent@example.com" } },
  }),
  "DELETE /api/team/chats/:chat_id/members/:agent_id": ({ cookie, groupId }) => ({
    path: `/api/team/chats/${groupId}/members/${SAM.id}`,
    call: { method: "DELETE", cookie },
  }),
  "GET /api/reports/summary": ({ cookie }) => ({ path: "/api/reports/summary?from=2026-11-01&to=2026-11-30&tz=Europe/Berlin", call: { cookie } }),
  "GET /api/reports/export.csv": ({ cookie }) => ({ path: "/api/reports/export.csv?from=2026-11-01&to=2026-11-30", call: { cookie } }),
  "GET /api/openapi.json": () => ({ path: "/api/openapi.json" }),
  "GET /api/docs": () => ({ path: "/api/docs" }),
  "GET /api/dev/objects": () => ({ path: "/api/dev/objects" }),
};

/**
 * Method and path of every route of the contract; the worker tests check that the app serves
 * exactly these (test/worker/http-api.test.ts), so this is every route the app serves.
 */
function contractRoutes(): string[] {
  return HTTP_API.map((route) => `${route.method} ${route.path}`);
}

/** Sends one probe; resolves to what was wrong with the answer, or null when it was right. */
async function problemOf(server: DevServer, probe: Probe): Promise<string | null> {
  try {
    if ("socket" in probe) {
      const ws = new WebSocket(`${server.wsOrigin}${probe.socket}`, probe.protocols ?? [], {
        origin: server.origin,
        headers: probe.cookie ? { Cookie: probe.cookie } : {},
      });
      await whenOpen(ws);
      ws.close(1000, "probed");
      return null;
    }
    const response = await callApi(server, probe.path, probe.call);
    const answered = probe.status === undefined ? response.ok : response.status === probe.status;
    return answered ? null : `${probe.path} → ${response.status} ${await response.text()}`;
  } catch (error) {
    return String(error);
  }
}

describe("a freshly started server", () => {
  let server: DevServer;

  beforeAll(async () => {
    server = await DevServer.start();
  });

  afterAll(async () => {
    await server?.stop();
  });

  // First on purpose (only the start's readiness probe, GET /health, comes before): a login on a
  // fresh isolate once answered 500, because work that Workers forbid at global scope ran when
  // the module loaded and failed the first request that used it.
  it("refuses an unknown email and a wrong password alike, as its first API requests", async () => {
    for (const credentials of [
      { email: "nobody@example.com", password: DEMO.password },
      { email: ADMIN.email, password: "not-the-password" },
    ]) {
      const response = await callApi(server, "/api/auth/login", { body: credentials });
      expect(response.status, credentials.email).toBe(401);
      expect(await response.text(), credentials.email).toBe(INVALID_CREDENTIALS);
    }
  });

  it("answers one plausible request to every route, each as the contract says", async () => {
    const cookie = await loginCookie(server, ADMIN.email, DEMO.password);
    const spareSite = (name: string) => apiJson<Site>(server, "/api/sites", { cookie, body: { name } });
    const spareSiteId = (await spareSite("Sweep site")).id;
    const spareGroup = (name: string) => apiJson<TeamChat>(server, "/api/team/groups", { cookie, body: { name, member_emails: [SAM.email] } });
    const callers: Callers = {
      session: await apiJson<SessionInitResponse>(server, `/api/widget/${DEMO.siteKey}/session`, {
        body: { browser_session_id: "fresh-isolate-browser" },
      }),
      cookie,
      leavingCookie: await loginCookie(server, SAM.email, DEMO.password),
      spareSiteId,
      doomedSiteId: (await spareSite("Doomed site")).id,
      spareFaqId: (await apiJson<Faq>(server, `/api/sites/${spareSiteId}/faqs`, { cookie, body: { question: "Spare?", answer: "Yes." } })).id,
      groupId: (await spareGroup("Sweep group")).id,
      doomedGroupId: (await spareGroup("Doomed group")).id,
      inviteToken: new URL((await apiJson<Invite>(server, `/api/agents/${SAM.id}/invite`, { method: "POST", cookie })).invite_url).hash.replace("#/invite/", ""),
    };
    const problems: string[] = [];
    for (const route of contractRoutes()) {
      const probe = PROBES[route];
      const problem = probe ? await problemOf(server, probe(callers)) : "no probe for this route in fresh-isolate.test.ts";
      if (problem) problems.push(`${route}: ${problem}`);
    }
    expect(problems).toEqual([]);
  });
});
