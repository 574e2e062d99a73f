import { Hono } from "hono";
import type { AppEnv } from "../env";
import { requireAgentCaller } from "../middleware/caller";
import { ApiError } from "../middleware/errors";
import { upgradeRateLimit } from "../middleware/rate-limit";
import type { DashboardUpgradeContext } from "../objects/agent-lobby";
import { UPGRADE_CONTEXT_HEADER } from "../objects/contracts";
import { lobbyOf } from "../objects/stubs";

export const dashboardRoutes = new Hono<AppEnv>();

/** The dashboard socket (SPEC §7): one agent's live view of their workspace, held by its lobby. */
dashboardRoutes.get("/ws", upgradeRateLimit, async (c) => {
  if (c.req.header("Upgrade")?.toLowerCase() !== "websocket") {
    throw new ApiError(426, "upgrade_required", "This endpoint only speaks WebSocket");
  }
  const { agent, session } = await requireAgentCaller(c);
  const context: DashboardUpgradeContext = {
    agent: { id: agent.id, name: agent.name, email: agent.email, role: agent.role },
    workspaceId: agent.workspaceId,
    auth: session,
  };
  return lobbyOf(c.env, agent.workspaceId).fetch(
    new Request(c.req.url, { headers: { Upgrade: "websocket", [UPGRADE_CONTEXT_HEADER]: JSON.stringify(context) } }),
  );
});
