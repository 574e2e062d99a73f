import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import { rmSync } from "node:fs";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ROOT, wranglerJson } from "../../scripts/lib/wrangler";
import { migratedCopy } from "./support/dev-server";

const run = promisify(execFile);

/** A name an attacker might choose, to be stored as written and run as nothing. */
const AWKWARD_NAME = "Ada O'Brien'); DROP TABLE agents; --";

describe("npm run admin:create (first run)", () => {
  let persistTo: string;

  const adminCreate = (...args: string[]) =>
    run("npm", ["run", "admin:create", "--silent", "--", ...args, "--persist-to", persistTo], {
      cwd: ROOT,
      env: { ...process.env, WRANGLER_SEND_METRICS: "false" },
    });

  const query = async <T>(sql: string): Promise<T[]> => {
    const [answer] = await wranglerJson<{ results: T[] }[]>(["d1", "execute", "DB", "--local", "--persist-to", persistTo, "--command", sql]);
    return answer!.results;
  };

  beforeAll(async () => {
    persistTo = await migratedCopy();
  });

  afterAll(() => {
    if (persistTo) rmSync(persistTo, { recursive: true, force: true });
  });

  it("creates the workspace and its first admin on an empty database and prints a one-time sign-in link", async () => {
    const { stdout } = await adminCreate("--email", "Owner@Example.com", "--name", AWKWARD_NAME, "--workspace", "Acme", "--url", "https://chat.acme.test/");
    const token = /https:\/\/chat\.acme\.test\/dashboard\/#\/invite\/([A-Za-z0-9_-]{43})\n/.exec(stdout)?.[1];
    expect(token, stdout).toBeDefined();

    const agents = await query<{ id: string; email: string; name: string; role: string; workspace: string }>(
      "SELECT a.id, a.email, a.name, a.role, w.name AS workspace FROM agents a JOIN workspaces w ON w.id = a.workspace_id",
    );
    expect(agents).toEqual([{ id: expect.any(String), email: "owner@example.com", name: AWKWARD_NAME, role: "admin", workspace: "Acme" }]);
    const invites = await query<{ id: string; agent_id: string; used_at: number | null }>("SELECT id, agent_id, used_at FROM agent_invites");
    // Only the link's SHA-256 is stored.
    expect(invites).toEqual([{ id: createHash("sha256").update(token!).digest("hex"), agent_id: agents[0]!.id, used_at: null }]);
  });

  it("refuses an email that already exists, whatever its case, and changes nothing", async () => {
    const refused = await adminCreate("--email", "OWNER@example.com", "--name", "Someone Else").then(
      () => null,
      (error: { code: number; stderr: string }) => error,
    );
    expect(refused?.code).toBe(1);
    expect(refused?.stderr).toContain("An agent with the email owner@example.com already exists; nothing was changed");
    expect(await query("SELECT count(*) AS n FROM workspaces")).toEqual([{ n: 1 }]);
    expect(await query("SELECT count(*) AS n FROM agents")).toEqual([{ n: 1 }]);
    expect(await query("SELECT count(*) AS n FROM agent_invites")).toEqual([{ n: 1 }]);
  });

  it("refuses options it cannot use, naming them", async () => {
    const refused = await adminCreate("--email", "not-an-email", "--name", "Ok", "--url", "ftp://x").then(
      () => null,
      (error: { code: number; stderr: string }) => error,
    );
    expect(refused?.code).toBe(2);
    expect(refused?.stderr).toContain("--email:");
    expect(refused?.stderr).toContain("--url:");
    expect(await query("SELECT count(*) AS n FROM agents")).toEqual([{ n: 1 }]);
  });
});
