import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { CLOSE_CODES, SIGNED_OUT_REASONS, type AgentPublic } from "../../src/protocol";
import { agentRequest, createAgent, DashboardSocket, type TestAgent } from "./agents";
import { createSite } from "./helpers";

function patch(admin: TestAgent, agentId: string, body: unknown): Promise<Response> {
  return agentRequest(`/api/agents/${agentId}`, { method: "PATCH", cookie: admin.cookie, body });
}

async function errorOf(response: Response): Promise<{ status: number; code: string; message: string }> {
  const body = (await response.json()) as { error: { code: string; message: string } };
  return { status: response.status, ...body.error };
}

async function activeAdmins(workspaceId: string): Promise<number> {
  const row = await env.DB.prepare("SELECT count(*) AS n FROM agents WHERE workspace_id = ? AND role = 'admin' AND active = 1")
    .bind(workspaceId)
    .first<{ n: number }>();
  return row!.n;
}

describe("PATCH /api/agents/:agent_id (SPEC §5)", () => {
  it("renames, changes the role of, deactivates and reactivates an agent", async () => {
    const site = await createSite();
    const admin = await createAgent(site, { role: "admin" });
    const sam = await createAgent(site, { name: "Sam" });
    const renamed = await patch(admin, sam.id, { name: "Samuel", role: "admin" });
    expect(renamed.status).toBe(200);
    expect((await renamed.json()) as AgentPublic).toMatchObject({ id: sam.id, name: "Samuel", role: "admin", active: true });
    expect(((await (await patch(admin, sam.id, { active: false })).json()) as AgentPublic).active).toBe(false);
    expect(((await (await patch(admin, sam.id, { active: true })).json()) as AgentPublic).active).toBe(true);
  });

  it("is for admins only, of the agent's own workspace, with a body that names what is wrong", async () => {
    const site = await createSite();
    const admin = await createAgent(site, { role: "admin" });
    const sam = await createAgent(site);
    const stranger = await createAgent(await createSite(), { role: "admin" });
    expect(await errorOf(await patch(sam, admin.id, { name: "Mine now" }))).toMatchObject({ status: 403, code: "forbidden" });
    expect(await errorOf(await patch(stranger, sam.id, { active: false }))).toMatchObject({ status: 404, code: "not_found" });
    for (const [body, field] of [
      [{ role: "owner" }, "role"],
      [{ active: "no" }, "active"],
      [{ name: "" }, "name"],
    ] as const) {
      const refused = await errorOf(await patch(admin, sam.id, body));
      expect(refused.status).toBe(400);
      expect(refused.message.startsWith(`${field}: `), refused.message).toBe(true);
    }
    expect((await patch(admin, sam.id, {})).status).toBe(400);
  });

  it("never demotes or deactivates the last active admin, and says why", async () => {
    const site = await createSite();
    const admin = await createAgent(site, { role: "admin", name: "Ada" });
    const demoted = await errorOf(await patch(admin, admin.id, { role: "agent" }));
    expect(demoted).toMatchObject({ status: 409, code: "last_admin" });
    expect(demoted.message).toContain("Ada is the last active admin");
    expect(await errorOf(await patch(admin, admin.id, { active: false }))).toMatchObject({ status: 400, code: "cannot_deactivate_self" });
    // A deactivated admin does not count: the one active admin is still the last.
    const dormant = await createAgent(site, { role: "admin" });
    await patch(admin, dormant.id, { active: false });
    expect(await errorOf(await patch(admin, admin.id, { role: "agent" }))).toMatchObject({ status: 409, code: "last_admin" });
    // With a second active admin, either may step down.
    const grace = await createAgent(site, { role: "admin" });
    expect((await patch(admin, admin.id, { role: "agent" })).status).toBe(200);
    expect(await errorOf(await patch(grace, grace.id, { role: "agent" }))).toMatchObject({ status: 409, code: "last_admin" });
    expect(await activeAdmins(site.workspaceId)).toBe(1);
  });

  it("refuses one of two admins stepping down at once, so the workspace keeps one", async () => {
    for (let round = 0; round < 3; round++) {
      const site = await createSite();
      const admins = [await createAgent(site, { role: "admin" }), await createAgent(site, { role: "admin" })];
      const answers = await Promise.all(admins.map((admin) => patch(admin, admin.id, { role: "agent" })));
      expect(answers.map((answer) => answer.status).sort()).toEqual([200, 409]);
      expect(await activeAdmins(site.workspaceId)).toBe(1);
    }
  });

  it("refuses one of two admins demoting each other at once", async () => {
    for (let round = 0; round < 3; round++) {
      const site = await createSite();
      const [ada, grace] = [await createAgent(site, { role: "admin" }), await createAgent(site, { role: "admin" })];
      const answers = await Promise.all([patch(ada, grace.id, { role: "agent" }), patch(grace, ada.id, { active: false })]);
      const statuses = answers.map((answer) => answer.status);
      expect(statuses.filter((status) => status === 200)).toHaveLength(1);
      // The loser is refused as the last admin; or, demoted already, as no longer an admin; or,
      // deactivated already, as signed out (deactivation ends her sign-ins).
      expect(statuses.find((status) => status !== 200)).toBeOneOf([409, 403, 401]);
      expect(await activeAdmins(site.workspaceId)).toBe(1);
    }
  });

  it("ends a deactivated agent's sign-ins and sockets at once", async () => {
    const site = await createSite();
    const admin = await createAgent(site, { role: "admin" });
    const sam = await createAgent(site);
    const dashboard = await DashboardSocket.open(sam);
    expect((await patch(admin, sam.id, { active: false })).status).toBe(200);
    expect(await dashboard.untilClosed()).toEqual({ code: CLOSE_CODES.signedOut, reason: SIGNED_OUT_REASONS.deactivated });
    expect((await agentRequest("/api/auth/me", { cookie: sam.cookie })).status).toBe(401);
  });
});
