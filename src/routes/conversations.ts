import { Hono } from "hono";
import { loadConversation } from "../db/queries/conversation-ref";
import { toSummary } from "../db/queries/conversations";
import { listInbox, previousConversations, toListItem } from "../db/queries/inbox";
import type { VisitorRow } from "../db/queries/visitors";
import { visitorDisplayName } from "../db/queries/visitors";
import type { AppEnv } from "../env";
import { iso } from "../lib/time";
import { describeUserAgent } from "../lib/user-agent";
import { requireAgent } from "../middleware/caller";
import { ApiError } from "../middleware/errors";
import { parseWith } from "../middleware/validate";
import { ConversationListQuerySchema, type ConversationDetail, type VisitorDetail } from "../protocol";

/** The agents' conversation list and detail (SPEC §5 "conversations listing with filters"). */
export const conversationRoutes = new Hono<AppEnv>();

conversationRoutes.use("*", requireAgent);

conversationRoutes.get("/", async (c) => {
  const query = parseWith(ConversationListQuerySchema, c.req.query());
  const { agent } = c.var.agent;
  const page = await listInbox(c.var.db, agent.workspaceId, agent.id, query);
  if ("badCursor" in page) throw new ApiError(400, "invalid_request", "cursor is not one this API gave out");
  return c.json(page);
});

conversationRoutes.get("/:conversation_id", async (c) => {
  const loaded = await loadConversation(c.var.db, c.req.param("conversation_id"));
  if (!loaded || loaded.row.workspaceId !== c.var.agent.agent.workspaceId) {
    throw new ApiError(404, "not_found", "No such conversation");
  }
  const { row, site, visitor } = loaded;
  const previous = visitor ? await previousConversations(c.var.db, visitor, row.id) : [];
  const detail: ConversationDetail = {
    conversation: toListItem(row, site?.name ?? null, visitor),
    visitor: visitor ? visitorDetail(visitor) : null,
    previous_conversations: previous.map(toSummary),
  };
  return c.json(detail);
});

function visitorDetail(visitor: VisitorRow): VisitorDetail {
  const context = JSON.parse(visitor.context) as Record<string, string | null | undefined>;
  const text = (key: string) => (typeof context[key] === "string" && context[key] ? (context[key] as string) : null);
  const userAgent = text("userAgent");
  return {
    id: visitor.id,
    name: visitorDisplayName(visitor),
    email: visitor.email,
    contact_email: visitor.contactEmail,
    external_user_id: visitor.externalUserId,
    identified: visitor.externalUserId !== null,
    page_url: text("url"),
    page_title: text("title"),
    referrer: text("referrer"),
    ...describeUserAgent(userAgent),
    user_agent: userAgent,
    country: text("country"),
    city: text("city"),
    timezone: text("timezone"),
    locale: text("locale"),
    first_seen_at: iso(visitor.createdAt),
    last_seen_at: iso(visitor.lastSeenAt),
  };
}
