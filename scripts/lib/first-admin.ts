import { NO_PASSWORD } from "../../src/auth/passwords";
import { sqlLiteral as q } from "./sql-literal";

/** A new workspace and its first admin, with ids chosen by the caller. */
export interface FirstAdmin {
  workspaceId: string;
  workspaceName: string;
  agentId: string;
  email: string;
  name: string;
  /** SHA-256 of the invite token (`agent_invites.id`) and its expiry, ms since the epoch. */
  inviteId: string;
  inviteExpiresAt: number;
  now: number;
}

/**
 * SQL that creates the workspace, its admin (with no password yet) and their one-time sign-in
 * link, but only while no agent has the email: each statement checks that itself, so a taken
 * email changes nothing even without a transaction. Its last statement answers `created`: 1 when
 * the admin was created, 0 when the email was taken.
 */
export function firstAdminSql(admin: FirstAdmin): string {
  const emailFree = `NOT EXISTS (SELECT 1 FROM agents WHERE email = ${q(admin.email)})`;
  return [
    `INSERT INTO workspaces (id, name, created_at)
       SELECT ${q(admin.workspaceId)}, ${q(admin.workspaceName)}, ${q(admin.now)} WHERE ${emailFree};`,
    `INSERT INTO agents (id, workspace_id, email, name, role, password_hash, active, created_at)
       SELECT ${q(admin.agentId)}, ${q(admin.workspaceId)}, ${q(admin.email)}, ${q(admin.name)}, 'admin', ${q(NO_PASSWORD)}, 1, ${q(admin.now)}
       WHERE ${emailFree} AND EXISTS (SELECT 1 FROM workspaces WHERE id = ${q(admin.workspaceId)});`,
    `INSERT INTO agent_invites (id, agent_id, created_by, created_at, expires_at)
       SELECT ${q(admin.inviteId)}, ${q(admin.agentId)}, NULL, ${q(admin.now)}, ${q(admin.inviteExpiresAt)}
       WHERE EXISTS (SELECT 1 FROM agents WHERE id = ${q(admin.agentId)});`,
    `SELECT count(*) AS created FROM agents WHERE id = ${q(admin.agentId)};`,
  ].join("\n");
}
