import { eq } from "drizzle-orm";
import type { Database } from "../client";
import { workspaces } from "../schema";

/**
 * The presence record of SPEC §12, read by session init: whether an active agent of the workspace
 * has a dashboard open and is not away. False for a workspace whose lobby never wrote one.
 */
export async function agentsAvailable(db: Database, workspaceId: string): Promise<boolean> {
  const row = await db.select({ available: workspaces.agentsAvailable }).from(workspaces).where(eq(workspaces.id, workspaceId)).get();
  return row?.available ?? false;
}

/** Written by the workspace's lobby, and only when the value flips. */
export async function recordAgentsAvailable(db: Database, workspaceId: string, available: boolean): Promise<void> {
  await db.update(workspaces).set({ agentsAvailable: available }).where(eq(workspaces.id, workspaceId));
}
