import { Hono, type Context } from "hono";
import { siteAvailability } from "../availability/site-availability";
import { signVisitorToken } from "../auth/visitor-token";
import { tokenSecret } from "../auth/caller";
import { verifyUserHash } from "../auth/identity";
import { chatLimits } from "../config";
import { conversationRef } from "../db/queries/conversation-ref";
import { getOrCreateSupportConversation, type ConversationRow } from "../db/queries/conversations";
import { findSiteByKey, isOriginAllowed, listFaqs, publicSite, siteBusinessHours, type SiteRow } from "../db/queries/sites";
import { agentsAvailable } from "../db/queries/workspaces";
import { identifyVisitor, upsertVisitor, type VisitorRow } from "../db/queries/visitors";
import type { AppEnv } from "../env";
import { clientPlace } from "../lib/client-place";
import { iso } from "../lib/time";
import { requireCaller } from "../middleware/caller";
import { ApiError } from "../middleware/errors";
import { clientIp, rateLimit } from "../middleware/rate-limit";
import { jsonBody } from "../middleware/validate";
import { chatSessionOf } from "../objects/stubs";
import { IdentifyBodySchema, SessionInitBodySchema, type SessionInitResponse, type UnreadReplies } from "../protocol";

export const widgetRoutes = new Hono<AppEnv>();

/** The site of `:site_key`, refusing callers from origins the site does not allow. */
async function siteFor(c: Context<AppEnv>): Promise<SiteRow> {
  const site = await findSiteByKey(c.var.db, c.req.param("site_key") ?? "");
  if (!site) throw new ApiError(404, "site_not_found", "No site has this key");
  const origin = c.req.header("Origin");
  if (!isOriginAllowed(site, origin)) {
    throw new ApiError(403, "origin_not_allowed", `Origin ${origin ?? "(none)"} is not allowed for this site`);
  }
  return site;
}

/**
 * The replies the visitor has not read, from the conversation's object. A conversation without a
 * reported message has none, and its object is left asleep: most page views are of that kind.
 */
function unreadReplies(env: Env, conversation: ConversationRow, site: SiteRow, visitor: VisitorRow): Promise<UnreadReplies> {
  if (conversation.lastSeq === 0) return Promise.resolve({ count: 0, latest: null });
  return chatSessionOf(env, conversation.id).unreadReplies(conversationRef(conversation, site, visitor));
}

/**
 * SPEC §12 `when_away: "hide"`: the widget draws nothing while the site is away, unless the
 * visitor has something going on there: an unread reply, or a person waiting for or talking to them.
 */
function hiddenWhileAway(site: SiteRow, available: boolean, conversation: ConversationRow, unread: UnreadReplies): boolean {
  const busy = unread.count > 0 || conversation.status === "waiting" || conversation.status === "assigned";
  return !available && site.whenAway === "hide" && !busy;
}

/** Get-or-create the visitor's session and hand out a signed visitor token (SPEC §4.1). */
widgetRoutes.post(
  "/:site_key/session",
  rateLimit({ binding: (env) => env.SESSION_INIT_LIMITER, key: clientIp }),
  async (c) => {
    const site = await siteFor(c);
    const body = await jsonBody(c.req.raw, SessionInitBodySchema);
    const now = Date.now();
    const visitor = await upsertVisitor(
      c.var.db,
      site,
      body.browser_session_id,
      { ...body.context, userAgent: c.req.header("User-Agent") ?? null, ...clientPlace(c.req.raw) },
      now,
    );
    const [conversation, faqs, agentsOnline] = await Promise.all([
      getOrCreateSupportConversation(c.var.db, { workspaceId: site.workspaceId, siteId: site.id, visitorId: visitor.id, now }),
      listFaqs(c.var.db, site.id),
      agentsAvailable(c.var.db, site.workspaceId),
    ]);
    const unread = await unreadReplies(c.env, conversation, site, visitor);
    const availability = siteAvailability(
      { businessHours: siteBusinessHours(site), onlyWhenAgentsOnline: site.onlyWhenAgentsOnline, agentsAvailable: agentsOnline },
      now,
    );
    const limits = chatLimits(c.env);
    const expiresAt = Math.floor(now / 1000) + limits.visitorTokenTtlSeconds;
    const token = await signVisitorToken(tokenSecret(c.env), { v: visitor.id, s: site.id, w: site.workspaceId, e: expiresAt });
    const response: SessionInitResponse = {
      session_id: conversation.id,
      visitor_id: visitor.id,
      visitor_token: token,
      expires_at: iso(expiresAt * 1000),
      site: publicSite(site, faqs),
      user: visitor.externalUserId ? { id: visitor.externalUserId, name: visitor.name, email: visitor.email } : null,
      limits: { max_message_length: limits.maxMessageLength, keepalive_ms: limits.keepAliveMs },
      unread,
      availability: { ...availability, hidden: hiddenWhileAway(site, availability.available, conversation, unread) },
    };
    return c.json(response);
  },
);

/** Links the visitor to the embedder's user once `user_hash` proves it (SPEC §4.9). */
widgetRoutes.post("/:site_key/identify", async (c) => {
  const caller = await requireCaller(c);
  const site = await siteFor(c);
  if (caller.type !== "visitor") throw new ApiError(403, "forbidden", "Only a visitor can identify themself");
  if (caller.claims.s !== site.id) throw new ApiError(403, "forbidden", "This visitor token belongs to another site");
  const body = await jsonBody(c.req.raw, IdentifyBodySchema);
  if (!site.identitySecret) throw new ApiError(400, "identity_disabled", "Identity verification is not enabled for this site");
  if (!(await verifyUserHash(site.identitySecret, body.user_id, body.user_hash))) {
    throw new ApiError(401, "invalid_user_hash", "user_hash is not the HMAC-SHA256 of user_id with this site's identity secret");
  }
  const visitor = await identifyVisitor(c.var.db, caller.claims.v, {
    externalUserId: body.user_id,
    name: body.name ?? null,
    email: body.email ?? null,
  });
  if (!visitor) throw new ApiError(404, "not_found", "This visitor no longer exists");
  return c.json({ user: { id: body.user_id, name: visitor.name, email: visitor.email } });
});
