import { Hono } from "hono";
import { getCookie } from "hono/cookie";
import { rememberSessionRoom, SESSION_COOKIE } from "../auth/agent-sessions";
import { visitorCaller } from "../auth/caller";
import { rememberAgentMember } from "../db/queries/members";
import { CoolDowns, REMEMBERED_REFUSAL_DELAY_MS } from "../lib/cool-downs";
import { ok } from "../lib/result";
import { requireAgentCaller } from "../middleware/caller";
import type { AppEnv } from "../env";
import { ApiError } from "../middleware/errors";
import { upgradeRateLimit } from "../middleware/rate-limit";
import { authorizeConversation } from "../middleware/conversation-access";
import { COOL_DOWN_HEADER, UPGRADE_CONTEXT_HEADER, type ChatUpgradeContext } from "../objects/contracts";
import { coolingDownResponse } from "../objects/sockets";
import { chatSessionOf } from "../objects/stubs";
import { BEARER_PROTOCOL_PREFIX, SOCKET_PROTOCOL } from "../protocol";

export const socketRoutes = new Hono<AppEnv>();

/** Callers cooling down from a flood, by conversation and caller, that this isolate remembers (`CoolDowns`). */
const coolDowns = new CoolDowns(10_000);

/** Splits `Sec-WebSocket-Protocol` into the protocol list and the bearer token it carries. */
export function readSubprotocols(header: string | undefined): { protocols: string[]; token: string | null } {
  const protocols = (header ?? "").split(",").map((p) => p.trim()).filter(Boolean);
  const bearer = protocols.find((p) => p.startsWith(BEARER_PROTOCOL_PREFIX));
  return { protocols, token: bearer ? bearer.slice(BEARER_PROTOCOL_PREFIX.length) : null };
}

function parseAfterSeq(value: string | undefined): number | null {
  if (value === undefined || value === "") return null;
  const seq = Number(value);
  if (!Number.isSafeInteger(seq) || seq < 0) throw new ApiError(400, "invalid_request", "after_seq must be a whole number ≥ 0");
  return seq;
}

/**
 * A conversation socket (SPEC §4.2). The token travels in the subprotocol list, never the URL;
 * the worker checks it and the caller's right to the session, then hands the upgrade over.
 */
socketRoutes.get("/chat/:session_id", upgradeRateLimit, async (c) => {
  if (c.req.header("Upgrade")?.toLowerCase() !== "websocket") {
    throw new ApiError(426, "upgrade_required", "This endpoint only speaks WebSocket");
  }
  const { protocols, token } = readSubprotocols(c.req.header("Sec-WebSocket-Protocol"));
  if (!protocols.includes(SOCKET_PROTOCOL)) {
    throw new ApiError(400, "unsupported_protocol", `Ask for the ${SOCKET_PROTOCOL} subprotocol`);
  }
  const afterSeq = parseAfterSeq(c.req.query("after_seq"));
  // Visitors bring a token in the subprotocol list; agents come with their dashboard cookie.
  const caller = token || !getCookie(c, SESSION_COOKIE) ? await visitorCaller(c.env, token) : ok(await requireAgentCaller(c));
  if (!caller.ok) throw ApiError.from(caller.error);
  // Not logged: the object logged the refusal that started the cool-down, and a reconnect loop
  // would otherwise write a line per attempt.
  const coolDownKey = `${c.req.param("session_id")}:${caller.value.type === "visitor" ? caller.value.claims.v : caller.value.agent.id}`;
  const coolingMs = coolDowns.remainingMs(coolDownKey, Date.now());
  if (coolingMs > REMEMBERED_REFUSAL_DELAY_MS) {
    await scheduler.wait(REMEMBERED_REFUSAL_DELAY_MS);
    return coolingDownResponse(coolingMs - REMEMBERED_REFUSAL_DELAY_MS);
  }
  if (coolingMs > 0) await scheduler.wait(coolingMs);
  const origin = caller.value.type === "visitor" ? (c.req.header("Origin") ?? null) : null;
  const access = await authorizeConversation(c.var.db, caller.value, c.req.param("session_id"), origin);
  if (!access.ok) throw ApiError.from(access.error);
  const { ref } = access.value.conversation;
  const auth = caller.value.type === "agent" ? caller.value.session : null;
  if (caller.value.type === "agent" && auth) {
    const now = Date.now();
    if (!(await rememberSessionRoom(c.var.db, auth, ref.id, now))) throw new ApiError(401, "unauthorized", "Your session has ended; log in again");
    await rememberAgentMember(c.var.db, ref.id, caller.value.agent.id, now);
  }

  const context: ChatUpgradeContext = { ref, principal: access.value.principal, afterSeq, auth };
  const response = await chatSessionOf(c.env, context.ref.id).fetch(
    new Request(c.req.url, { headers: { Upgrade: "websocket", [UPGRADE_CONTEXT_HEADER]: JSON.stringify(context) } }),
  );
  const coolDownMs = Number(response.headers.get(COOL_DOWN_HEADER) ?? 0);
  if (coolDownMs <= 0) return response;
  coolDowns.remember(coolDownKey, Date.now() + coolDownMs);
  const refusal = new Response(response.body, response);
  refusal.headers.delete(COOL_DOWN_HEADER);
  return refusal;
});
