import { createHash, randomBytes } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { wrangler } from "../../scripts/lib/wrangler";
import { DEMO } from "../../scripts/lib/demo-data";

/**
 * What the bench adds to a Parley dev server's local D1 before it starts: signed-in agents for
 * the dashboard sockets, a quiet workspace whose site is a copy of the demo's, and workspaces
 * holding 1k and 100k conversations for the inbox list.
 * Sign-ins are written as `POST /api/auth/login` would (src/auth/agent-sessions.ts: the row's id
 * is the SHA-256 hex of the cookie token), so no login, and no login rate limit, is needed.
 */

/** Agents signed in to the demo workspace; dashboards are spread over them. */
export const DASHBOARD_AGENTS = 20;
const SESSION_TTL_MS = 7 * 24 * 60 * 60 * 1000;
/**
 * The site key of a workspace no dashboard watches, its site and FAQs copied from the demo's:
 * the same visitors cost the server there about what they cost in the demo's, less what the
 * demo's dashboards add (the workspaces' agents and open conversations still differ).
 */
export const QUIET_SITE_KEY = "bench-quiet";
/** Conversation statuses cycled through the seeded inbox: three of four are open. */
const STATUSES = ["bot", "waiting", "assigned", "closed"] as const;

export interface SignIn {
  agentId: string;
  /** `parley_session=<token>`. */
  cookie: string;
}

export interface BenchSeed {
  dashboardAgents: SignIn[];
  /** Inbox size → an agent of the workspace holding that many conversations. */
  inbox: Map<number, SignIn>;
}

const quote = (value: string) => `'${value.replace(/'/g, "''")}'`;

function signIn(agentId: string, workspaceId: string, now: number, lines: string[]): SignIn {
  const token = randomBytes(32).toString("base64url");
  const id = createHash("sha256").update(token).digest("hex");
  lines.push(
    `INSERT INTO auth_sessions (id, agent_id, workspace_id, created_at, expires_at, user_agent) VALUES (${quote(id)}, ${quote(agentId)}, ${quote(workspaceId)}, ${now}, ${now + SESSION_TTL_MS}, 'parley-bench');`,
  );
  return { agentId, cookie: `parley_session=${token}` };
}

function agent(id: string, workspaceId: string, now: number, lines: string[]): void {
  lines.push(
    `INSERT INTO agents (id, workspace_id, email, name, role, password_hash, active, created_at) VALUES (${quote(id)}, ${quote(workspaceId)}, ${quote(`${id}@bench.invalid`)}, ${quote(`Bench ${id}`)}, 'agent', 'not-a-login', 1, ${now});`,
  );
}

/**
 * `size` conversations (and their visitors) in a workspace of their own, generated inside SQLite
 * by a recursive CTE, so 100k rows take one short statement instead of a 60 MB SQL file.
 * `updated_at` falls by a second per row: every keyset page is a distinct slice.
 */
function inboxWorkspace(size: number, now: number, lines: string[]): SignIn {
  const ws = `ws_inbox_${size}`;
  const site = `site_inbox_${size}`;
  const agentId = `agent_inbox_${size}`;
  lines.push(`INSERT INTO workspaces (id, name, created_at) VALUES ('${ws}', 'Inbox ${size}', ${now});`);
  lines.push(
    `INSERT INTO sites (id, workspace_id, site_key, name, allowed_origins, created_at, updated_at) VALUES ('${site}', '${ws}', 'inbox-${size}', 'Inbox ${size}', '[]', ${now}, ${now});`,
  );
  agent(agentId, ws, now, lines);
  const series = `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ${size}) SELECT i FROM n`;
  lines.push(
    `INSERT INTO visitors (id, workspace_id, site_id, browser_session_id, name, context, created_at, last_seen_at)
     SELECT 'v_${size}_' || i, '${ws}', '${site}', 'bench-browser-' || i, 'Visitor ' || i, '{}', ${now} - i * 1000, ${now} - i * 1000 FROM (${series});`,
  );
  const status = `CASE i % 4 ${STATUSES.map((s, k) => `WHEN ${k} THEN '${s}'`).join(" ")} END`;
  lines.push(
    `INSERT INTO conversations (id, workspace_id, kind, site_id, visitor_id, status, assignee_id, assignee_name, state_version, last_seq,
       last_message_preview, last_message_at, last_sender_type, started_at, waiting_since, closed_at, created_at, updated_at)
     SELECT 'c_${size}_' || printf('%06d', i), '${ws}', 'support', '${site}', 'v_${size}_' || i, ${status},
       CASE WHEN i % 4 = 2 THEN '${agentId}' END, CASE WHEN i % 4 = 2 THEN 'Bench ${agentId}' END, 1, 3,
       'seeded message ' || i, ${now} - i * 1000, 'user', ${now} - i * 1000 - 500,
       CASE WHEN i % 4 = 1 THEN ${now} - i * 1000 END, CASE WHEN i % 4 = 3 THEN ${now} - i * 1000 END,
       ${now} - i * 1000 - 500, ${now} - i * 1000 FROM (${series});`,
  );
  return signIn(agentId, ws, now, lines);
}

/** The quiet workspace (QUIET_SITE_KEY): the demo site (seeded before this) and its FAQs, copied. */
function quietWorkspace(now: number, lines: string[]): void {
  const ws = "ws_bench_quiet";
  const site = "site_bench_quiet";
  lines.push(`INSERT INTO workspaces (id, name, created_at) VALUES ('${ws}', 'Bench quiet', ${now});`);
  lines.push(
    `INSERT INTO sites (id, workspace_id, site_key, name, allowed_origins, theme, greeting, locale, bot_enabled, created_at, updated_at)
     SELECT '${site}', '${ws}', '${QUIET_SITE_KEY}', name, allowed_origins, theme, greeting, locale, bot_enabled, ${now}, ${now}
     FROM sites WHERE id = ${quote(DEMO.siteId)};`,
  );
  lines.push(
    `INSERT INTO faqs (id, site_id, question, answer, keywords, position, created_at)
     SELECT 'quiet_' || id, '${site}', question, answer, keywords, position, ${now} FROM faqs WHERE site_id = ${quote(DEMO.siteId)};`,
  );
}

/** Writes the bench's rows into the local D1 under `persistTo` (the dev server must not run yet). */
export async function seedBench(persistTo: string, inboxSizes: readonly number[]): Promise<BenchSeed> {
  const now = Date.now();
  const lines: string[] = [];
  const dashboardAgents: SignIn[] = [];
  for (let i = 0; i < DASHBOARD_AGENTS; i++) {
    const id = `agent_bench_${i}`;
    agent(id, DEMO.workspaceId, now, lines);
    dashboardAgents.push(signIn(id, DEMO.workspaceId, now, lines));
  }
  quietWorkspace(now, lines);
  const inbox = new Map<number, SignIn>();
  for (const size of inboxSizes) inbox.set(size, inboxWorkspace(size, now, lines));
  const directory = mkdtempSync(join(tmpdir(), "parley-bench-seed-"));
  try {
    const file = join(directory, "bench.sql");
    writeFileSync(file, lines.join("\n"));
    await wrangler(["d1", "execute", "DB", "--local", "--file", file, "--persist-to", persistTo], { quiet: true });
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
  return { dashboardAgents, inbox };
}
