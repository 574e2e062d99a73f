import { Hono, type Context } from "hono";
import { findAgentByEmail } from "../db/queries/agents";
import { loadConversation } from "../db/queries/conversation-ref";
import { addMember, deleteGroup, removeMember, renameGroup } from "../db/queries/team-members";
import type { AppEnv } from "../env";
import { ApiError } from "../middleware/errors";
import { requireGroupAdmin, teamChatOf, teamChatView, type TeamChatAccess } from "../middleware/team-access";
import { jsonBody } from "../middleware/validate";
import type { ConversationRef } from "../objects/contracts";
import type { TeamChange } from "../objects/chat-session/team-changes";
import { chatSessionOf } from "../objects/stubs";
import { AddMemberBodySchema, GROUP_MEMBERS_MAX, RenameGroupBodySchema } from "../protocol";

/**
 * Group admin (SPEC §5): rename, add and remove members, leave, delete. D1 decides each change;
 * the group's object then writes the system line and tells the members' lists.
 */
export const teamGroupRoutes = new Hono<AppEnv>();

/** The group as D1 holds it after a change, for the object to remember and announce. */
async function freshRef(c: Context<AppEnv>, chatId: string): Promise<ConversationRef> {
  const loaded = await loadConversation(c.var.db, chatId);
  if (!loaded) throw new ApiError(404, "not_found", "No such team chat");
  return loaded.ref;
}

const byOf = ({ principal }: TeamChatAccess) => ({ id: principal.id, name: principal.name });

teamGroupRoutes.patch("/:chat_id", async (c) => {
  const access = await teamChatOf(c);
  requireGroupAdmin(access);
  const { name } = await jsonBody(c.req.raw, RenameGroupBodySchema);
  const chatId = access.chat.row.id;
  await renameGroup(c.var.db, chatId, name, Date.now());
  await chatSessionOf(c.env, chatId).teamChange(await freshRef(c, chatId), [{ type: "renamed", by: byOf(access), name }], []);
  return c.json(await teamChatView(c, chatId, access.principal.id));
});

teamGroupRoutes.post("/:chat_id/members", async (c) => {
  const access = await teamChatOf(c);
  requireGroupAdmin(access);
  const { email } = await jsonBody(c.req.raw, AddMemberBodySchema);
  const agent = await findAgentByEmail(c.var.db, email);
  if (!agent || agent.workspaceId !== access.principal.workspaceId || !agent.active) {
    throw new ApiError(404, "agent_not_found", `No active teammate has the email ${email}`);
  }
  if (access.chat.ref.members.length >= GROUP_MEMBERS_MAX) {
    throw new ApiError(400, "group_full", `A group has at most ${GROUP_MEMBERS_MAX} members`);
  }
  const chatId = access.chat.row.id;
  if (!(await addMember(c.var.db, chatId, agent.id, Date.now()))) {
    throw new ApiError(409, "already_member", `${agent.name} is already in this group`);
  }
  const change: TeamChange = { type: "added", by: byOf(access), agent: { id: agent.id, name: agent.name } };
  await chatSessionOf(c.env, chatId).teamChange(await freshRef(c, chatId), [change], []);
  return c.json(await teamChatView(c, chatId, access.principal.id), 201);
});

/**
 * Removes a member (group admin), or leaves when it is the caller (any member). When the last
 * admin goes, admin passes to the longest-standing member; a group nobody is left in is deleted.
 */
teamGroupRoutes.delete("/:chat_id/members/:agent_id", async (c) => {
  const access = await teamChatOf(c);
  const agentId = c.req.param("agent_id");
  const leaving = agentId === access.principal.id;
  if (leaving && access.chat.row.kind !== "group") throw new ApiError(400, "not_a_group", "Direct chats cannot be left; hide one instead");
  if (!leaving) requireGroupAdmin(access);
  const target = access.chat.ref.members.find((member) => member.id === agentId);
  if (!target) throw new ApiError(404, "member_not_found", "That agent is not a member of this group");
  const chatId = access.chat.row.id;
  const result = await removeMember(c.var.db, chatId, agentId, Date.now());
  if (!result.removed) throw new ApiError(404, "member_not_found", "That agent is not a member of this group");
  const who = { id: target.id, name: target.name };
  const changes: TeamChange[] = [leaving ? { type: "left", agent: who } : { type: "removed", by: byOf(access), agent: who }];
  const heir = result.newAdmin ? access.chat.ref.members.find((member) => member.id === result.newAdmin) : undefined;
  if (heir) changes.push({ type: "admin", agent: { id: heir.id, name: heir.name } });
  if (!result.empty) await chatSessionOf(c.env, chatId).teamChange(await freshRef(c, chatId), changes, [agentId]);
  else await chatSessionOf(c.env, chatId).teamChange({ ...access.chat.ref, members: [] }, [{ type: "deleted", by: who }], [agentId]);
  return c.body(null, 204);
});

/** Gone for everyone at once (group admin); the Cron purge removes it with its storage later. */
teamGroupRoutes.delete("/:chat_id", async (c) => {
  const access = await teamChatOf(c);
  requireGroupAdmin(access);
  const { row, ref } = access.chat;
  await deleteGroup(c.var.db, row.id, Date.now());
  const everyone = ref.members.map((member) => member.id);
  await chatSessionOf(c.env, row.id).teamChange({ ...ref, members: [] }, [{ type: "deleted", by: byOf(access) }], everyone);
  return c.body(null, 204);
});
