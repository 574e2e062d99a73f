import type { Context } from "hono";
import type { AgentCaller } from "../auth/caller";
import type { LoadedConversation } from "../db/queries/conversation-ref";
import { loadConversation } from "../db/queries/conversation-ref";
import { membershipOf, toTeamChat } from "../db/queries/team-chats";
import type { AppEnv, Principal } from "../env";
import type { TeamChat } from "../protocol";
import { authorizeConversation } from "./conversation-access";
import { ApiError } from "./errors";

export interface TeamChatAccess {
  chat: LoadedConversation;
  principal: Extract<Principal, { type: "agent" }>;
}

/**
 * `:chat_id` as a team chat the calling agent is a current member of, by the same rule as the
 * conversation routes: anything else (support sessions, other workspaces, chats they left) is 404.
 */
export async function teamChatOf(c: Context<AppEnv>): Promise<TeamChatAccess> {
  const caller: AgentCaller = c.var.agent;
  const access = await authorizeConversation(c.var.db, caller, c.req.param("chat_id") ?? "", null);
  if (!access.ok || access.value.conversation.row.kind === "support" || access.value.principal.type !== "agent") {
    throw new ApiError(404, "not_found", "No such team chat");
  }
  return { chat: access.value.conversation, principal: access.value.principal };
}

/** Group admin actions (SPEC §5): only on groups, and only by one of its admins. */
export function requireGroupAdmin({ chat, principal }: TeamChatAccess): void {
  if (chat.row.kind !== "group") throw new ApiError(400, "not_a_group", "Direct chats have no admin; hide one instead");
  const me = chat.ref.members.find((member) => member.id === principal.id);
  if (me?.role !== "admin") throw new ApiError(403, "not_group_admin", "Only a group admin can do that");
}

/** The chat as `agentId` sees it now, read again from D1 after a change. */
export async function teamChatView(c: Context<AppEnv>, chatId: string, agentId: string): Promise<TeamChat> {
  const [loaded, membership] = await Promise.all([loadConversation(c.var.db, chatId), membershipOf(c.var.db, chatId, agentId)]);
  if (!loaded || loaded.row.deletedAt !== null) throw new ApiError(404, "not_found", "No such team chat");
  const unread = membership ? Math.max(0, loaded.row.agentMessages - membership.readCount) : 0;
  return toTeamChat(loaded.row, loaded.ref.members, agentId, unread);
}
