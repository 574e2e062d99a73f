import { createMiddleware } from "hono/factory";
import { agentPrincipal, type Caller } from "../auth/caller";
import { loadConversation, type LoadedConversation } from "../db/queries/conversation-ref";
import type { ConversationRow } from "../db/queries/conversations";
import { isOriginAllowed } from "../db/queries/sites";
import { findVisitor, visitorDisplayName, type VisitorRow } from "../db/queries/visitors";
import type { AppEnv, Principal } from "../env";
import type { Database } from "../db/client";
import { fail, ok, type Result } from "../lib/result";
import { ApiError } from "./errors";
import { requireCaller } from "./caller";

declare module "hono" {
  interface ContextVariableMap {
    conversation: LoadedConversation;
  }
}

/**
 * The one rule for who may touch a conversation: an agent their workspace's support sessions and
 * the team chats they are a current member of (SPEC §5: anyone else gets 404, as if it did not
 * exist); a visitor, from an allowed origin, a support session of their token's live site that
 * their browser started or that belongs to the verified user their browser is now (SPEC §4.9).
 */
export async function authorizeConversation(
  db: Database,
  caller: Caller,
  conversationId: string,
  origin: string | null,
): Promise<Result<{ conversation: LoadedConversation; principal: Principal }>> {
  const conversation = await loadConversation(db, conversationId);
  if (!conversation) return fail(404, "not_found", "No such conversation");
  if (caller.type === "agent") {
    // Another workspace's conversation does not exist as far as this agent can tell.
    if (conversation.row.workspaceId !== caller.agent.workspaceId) return fail(404, "not_found", "No such conversation");
    if (conversation.row.kind !== "support" && !isTeamMember(conversation, caller.agent.id)) {
      return fail(404, "not_found", "No such conversation");
    }
    return ok({ conversation, principal: agentPrincipal(caller.agent) });
  }
  const { row, site } = conversation;
  const { claims } = caller;
  if (row.kind !== "support") return fail(404, "not_found", "No such conversation");
  if (row.siteId !== claims.s || !site) {
    return fail(403, "forbidden", "This conversation belongs to someone else");
  }
  const self = row.visitorId === claims.v ? conversation.visitor : await findVisitor(db, claims.v);
  if (!self || !ownsConversation(self, row)) {
    return fail(403, "forbidden", "This conversation belongs to someone else");
  }
  // A deleted site's tokens stay signed until they expire; the site's end is what stops them.
  if (site.deletedAt !== null) return fail(404, "site_not_found", "This site was deleted");
  if (origin !== null && !isOriginAllowed(site, origin)) {
    return fail(403, "origin_not_allowed", `Origin ${origin} is not allowed for this site`);
  }
  return ok({
    conversation,
    principal: {
      type: "visitor",
      id: self.id,
      personId: self.externalUserId ? `user:${site.id}:${self.externalUserId}` : self.id,
      name: visitorDisplayName(self),
      siteId: site.id,
      workspaceId: site.workspaceId,
    },
  });
}

/** A team chat is open to its current members while it is not deleted. */
function isTeamMember({ row, ref }: LoadedConversation, agentId: string): boolean {
  return row.deletedAt === null && ref.members.some((member) => member.id === agentId);
}

/**
 * A session stamped with a verified user belongs to that user of that site alone, whichever
 * browser started it or asks: on a shared browser identified as someone else since, the browser
 * itself no longer reaches it. An unstamped session belongs to the browser that started it.
 */
function ownsConversation(self: VisitorRow, row: ConversationRow): boolean {
  if (row.externalUserId === null) return row.visitorId === self.id;
  return row.externalUserId === self.externalUserId && row.siteId === self.siteId;
}

/** Loads `:conversation_id` and checks the caller may use it; sets `conversation` and `principal`. */
export const conversationAccess = createMiddleware<AppEnv>(async (c, next) => {
  const caller = await requireCaller(c);
  const result = await authorizeConversation(c.var.db, caller, c.req.param("conversation_id") ?? "", c.req.header("Origin") ?? null);
  if (!result.ok) throw ApiError.from(result.error);
  c.set("conversation", result.value.conversation);
  c.set("principal", result.value.principal);
  await next();
});
