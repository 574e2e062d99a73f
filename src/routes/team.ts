import { Hono } from "hono";
import { loadConversation } from "../db/queries/conversation-ref";
import { findAgentByEmail } from "../db/queries/agents";
import { activeAgentsByEmail, createGroup, listTeamChats, openDirectChat } from "../db/queries/team-chats";
import type { AppEnv } from "../env";
import { requireAgent } from "../middleware/caller";
import { ApiError } from "../middleware/errors";
import { teamChatOf, teamChatView } from "../middleware/team-access";
import { jsonBody } from "../middleware/validate";
import { agentPrincipal } from "../auth/caller";
import { chatSessionOf } from "../objects/stubs";
import { CreateDirectBodySchema, CreateGroupBodySchema, type TeamChatListResponse } from "../protocol";
import { teamGroupRoutes } from "./team-groups";

/**
 * Team chat between agents (SPEC §4.10, §5): the list, direct and group chats, hiding. Messages,
 * history, reads and the room socket are the conversation routes, for members only.
 */
export const teamRoutes = new Hono<AppEnv>();

teamRoutes.use("*", requireAgent);

teamRoutes.get("/chats", async (c) => {
  const chats = await listTeamChats(c.var.db, c.var.agent.agent.id);
  const response: TeamChatListResponse = { chats, unread_total: chats.reduce((sum, chat) => sum + chat.unread_count, 0) };
  return c.json(response);
});

/** The caller's direct chat with a teammate, by email: the same pair always gets the same one. */
teamRoutes.post("/direct", async (c) => {
  const { email } = await jsonBody(c.req.raw, CreateDirectBodySchema);
  const { agent } = c.var.agent;
  const other = await findAgentByEmail(c.var.db, email);
  // Another workspace's agent, or a deactivated one, does not exist as far as this agent can tell.
  if (!other || other.workspaceId !== agent.workspaceId || !other.active) {
    throw new ApiError(404, "agent_not_found", `No active teammate has the email ${email}`);
  }
  if (other.id === agent.id) throw new ApiError(400, "cannot_message_self", "A direct chat needs another agent");
  const chat = await openDirectChat(c.var.db, { workspaceId: agent.workspaceId, me: agent.id, other: other.id, now: Date.now() });
  return c.json(await teamChatView(c, chat.id, agent.id));
});

/** A new group: the creator is its admin; the room and the members' lists hear of it at once. */
teamRoutes.post("/groups", async (c) => {
  const body = await jsonBody(c.req.raw, CreateGroupBodySchema);
  const { agent } = c.var.agent;
  const emails = [...new Set(body.member_emails)].filter((email) => email !== agent.email);
  const found = await activeAgentsByEmail(c.var.db, agent.workspaceId, emails);
  const idOf = new Map(found.map((teammate) => [teammate.email, teammate.id]));
  const missing = emails.filter((email) => !idOf.has(email));
  if (missing.length > 0) {
    throw new ApiError(404, "agent_not_found", `No active teammate has the email ${missing.join(", ")}`, { emails: missing });
  }
  const now = Date.now();
  const row = await createGroup(c.var.db, {
    workspaceId: agent.workspaceId,
    creator: agent.id,
    name: body.name,
    // In the order given: it is the order of seniority when admin passes on.
    memberIds: emails.map((email) => idOf.get(email) ?? ""),
    now,
  });
  const loaded = await loadConversation(c.var.db, row.id);
  if (!loaded) throw new Error("group vanished right after its insert");
  const by = { id: agent.id, name: agent.name };
  await chatSessionOf(c.env, row.id).teamChange(loaded.ref, [{ type: "created", by, name: body.name }], []);
  return c.json(await teamChatView(c, row.id, agent.id), 201);
});

teamRoutes.get("/chats/:chat_id", async (c) => {
  const { chat, principal } = await teamChatOf(c);
  return c.json(await teamChatView(c, chat.row.id, principal.id));
});

/** Soft-delete for the caller only (SPEC §4.10): a later message brings it back, showing only what came after. */
teamRoutes.post("/chats/:chat_id/hide", async (c) => {
  const { chat } = await teamChatOf(c);
  await chatSessionOf(c.env, chat.row.id).hide(chat.ref, agentPrincipal(c.var.agent.agent));
  return c.body(null, 204);
});

teamRoutes.route("/chats", teamGroupRoutes);
