import { Hono } from "hono";
import { conversationsOfVisitor, conversationsOfVisitors, toSummary, type ConversationRow } from "../db/queries/conversations";
import { listEscalations } from "../db/queries/escalations";
import type { Database } from "../db/client";
import { findVisitor, setContactEmail, visitorIdsInWorkspace } from "../db/queries/visitors";
import type { AppEnv } from "../env";
import { requireCaller } from "../middleware/caller";
import { conversationAccess } from "../middleware/conversation-access";
import { ApiError } from "../middleware/errors";
import { jsonBody, parseWith } from "../middleware/validate";
import { logEvent } from "../lib/log";
import { chatSessionOf } from "../objects/stubs";
import { countConnect } from "../reports/connects";
import { upgradeRateLimit } from "../middleware/rate-limit";
import {
  ConnectionFailedBodySchema,
  EscalateBodySchema,
  FaqClickBodySchema,
  HistoryQuerySchema,
  LeaveMessageBodySchema,
  PollQuerySchema,
  PostMessageBodySchema,
  RatingBodySchema,
  ReadBodySchema,
  type HistoryResponse,
} from "../protocol";

/** The seed-compatible chat API (SPEC §5): one conversation's messages, history and escalations. */
export const chatRoutes = new Hono<AppEnv>();

chatRoutes.post("/:conversation_id/messages", conversationAccess, async (c) => {
  const body = await jsonBody(c.req.raw, PostMessageBodySchema);
  const { ref } = c.var.conversation;
  const result = await chatSessionOf(c.env, ref.id).post(ref, c.var.principal, {
    content: body.content,
    clientMsgId: body.client_msg_id,
    metadata: body.metadata,
  });
  if (!result.ok) throw ApiError.from(result.error);
  return c.json(result.value.message, result.value.created ? 201 : 200);
});

/**
 * The away form (SPEC §12): the visitor's message lands in the inbox as a waiting conversation,
 * the email they gave on the visitor. A repeat with the same `client_msg_id` changes nothing.
 */
chatRoutes.post("/:conversation_id/leave-message", conversationAccess, async (c) => {
  const principal = c.var.principal;
  if (principal.type !== "visitor") throw new ApiError(403, "forbidden", "Only the visitor leaves a message");
  const body = await jsonBody(c.req.raw, LeaveMessageBodySchema);
  const { ref } = c.var.conversation;
  const result = await chatSessionOf(c.env, ref.id).post(ref, principal, {
    content: body.content,
    clientMsgId: body.client_msg_id,
    escalation: { reason: `Left a message while away (reply to ${body.email})`, metadata: { source: "away_form", email: body.email } },
  });
  if (!result.ok) throw ApiError.from(result.error);
  // After the message is stored, so a refused message leaves the visitor as it was.
  await setContactEmail(c.var.db, principal.id, body.email);
  return c.json(result.value.message, result.value.created ? 201 : 200);
});

chatRoutes.get("/:conversation_id/history", conversationAccess, async (c) => {
  const query = parseWith(HistoryQuerySchema, c.req.query());
  const { ref } = c.var.conversation;
  const page = await chatSessionOf(c.env, ref.id).history(ref, c.var.principal, query);
  if (!page.ok) throw ApiError.from(page.error);
  const response: HistoryResponse = {
    conversation_id: ref.id,
    messages: page.value.messages,
    count: page.value.messages.length,
    has_more: page.value.has_more,
  };
  return c.json(response);
});

chatRoutes.post("/:conversation_id/escalate", conversationAccess, async (c) => {
  const body = await jsonBody(c.req.raw, EscalateBodySchema);
  const { ref } = c.var.conversation;
  const result = await chatSessionOf(c.env, ref.id).escalate(ref, c.var.principal, body);
  if (!result.ok) throw ApiError.from(result.error);
  return c.json(result.value, 201);
});

chatRoutes.post("/:conversation_id/faq", conversationAccess, async (c) => {
  const body = await jsonBody(c.req.raw, FaqClickBodySchema);
  const { ref } = c.var.conversation;
  const result = await chatSessionOf(c.env, ref.id).clickFaq(ref, c.var.principal, {
    faqId: body.faq_id,
    clientMsgId: body.client_msg_id,
  });
  if (!result.ok) throw ApiError.from(result.error);
  return c.json(result.value, 201);
});

chatRoutes.post("/:conversation_id/read", conversationAccess, async (c) => {
  const body = await jsonBody(c.req.raw, ReadBodySchema);
  const { ref } = c.var.conversation;
  const result = await chatSessionOf(c.env, ref.id).markRead(ref, c.var.principal, body.seq);
  if (!result.ok) throw ApiError.from(result.error);
  return c.body(null, 204);
});

/** The polling fallback: everything a socket's `hello` carries, after `after_seq`. */
chatRoutes.get("/:conversation_id/poll", conversationAccess, async (c) => {
  const query = parseWith(PollQuerySchema, c.req.query());
  const { ref } = c.var.conversation;
  const hello = await chatSessionOf(c.env, ref.id).poll(ref, c.var.principal, query.after_seq ?? null);
  if (!hello.ok) throw ApiError.from(hello.error);
  return c.json(hello.value);
});

/** The visitor's 1–5 rating after close (SPEC §11), once per closing; it joins the timeline. */
chatRoutes.post("/:conversation_id/rating", conversationAccess, async (c) => {
  const principal = c.var.principal;
  if (principal.type !== "visitor") throw new ApiError(403, "forbidden", "Only the visitor rates a conversation");
  const body = await jsonBody(c.req.raw, RatingBodySchema);
  const { ref } = c.var.conversation;
  const rated = await chatSessionOf(c.env, ref.id).rate(ref, principal, body);
  if (!rated.ok) throw ApiError.from(rated.error);
  return c.json({ rating: rated.value }, 201);
});

/**
 * The widget could not open its socket (SPEC §9 falls back to polling): one failed connect for
 * the connection success rate (SPEC §11). Limited per address with the socket upgrades it stands
 * for, so a loop of reports costs no more than a loop of upgrades.
 */
chatRoutes.post("/:conversation_id/connection-failed", upgradeRateLimit, conversationAccess, async (c) => {
  if (c.var.principal.type !== "visitor") throw new ApiError(403, "forbidden", "Only the widget reports failed connects");
  const body = await jsonBody(c.req.raw, ConnectionFailedBodySchema);
  const { ref } = c.var.conversation;
  await countConnect(c.env, ref, "failed");
  logEvent("connection_failed", { conversation_id: ref.id, transport_fallback: body.transport_fallback });
  return c.body(null, 204);
});

chatRoutes.get("/:conversation_id/escalations", conversationAccess, async (c) => {
  const { ref } = c.var.conversation;
  const escalations = await listEscalations(c.var.db, ref.id);
  return c.json({ conversation_id: ref.id, escalations, count: escalations.length });
});

/**
 * A person's support conversations. `user_id` is the visitor's id or, once identified, the
 * embedder's user id, which also finds the conversations they had in other browsers.
 */
chatRoutes.get("/user/:user_id/conversations", async (c) => {
  const caller = await requireCaller(c);
  const userId = c.req.param("user_id");
  const rows =
    caller.type === "agent"
      ? await conversationsOfVisitors(c.var.db, await visitorIdsInWorkspace(c.var.db, caller.agent.workspaceId, userId))
      : await ownConversations(c.var.db, caller.claims.v, userId);
  const conversations = rows.map(toSummary);
  return c.json({ user_id: userId, conversations, count: conversations.length });
});

/** A visitor may list only themself, by their visitor id or their verified user id. */
async function ownConversations(db: Database, visitorId: string, userId: string): Promise<ConversationRow[]> {
  const visitor = await findVisitor(db, visitorId);
  if (!visitor) throw new ApiError(404, "not_found", "This visitor no longer exists");
  if (userId !== visitor.id && userId !== visitor.externalUserId) {
    throw new ApiError(403, "forbidden", "A visitor can only list their own conversations");
  }
  return conversationsOfVisitor(db, visitor);
}
