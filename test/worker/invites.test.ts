import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { acceptInvite } from "../../src/auth/invites";
import { database } from "../../src/db/client";
import { sha256Hex } from "../../src/lib/hmac";
import { CLOSE_CODES, SIGNED_OUT_REASONS, type CreateAgentResponse, type Invite, type InviteCheckResponse, type MeResponse } from "../../src/protocol";
import { agentRequest, createAgent, DashboardSocket, DASHBOARD_ORIGIN, login, me, PASSWORD, sessionCookie, signInAgain, type TestAgent } from "./agents";
import { createSite } from "./helpers";

const NEW_PASSWORD = "a brand new passphrase";

function invite(admin: TestAgent, agentId: string): Promise<Response> {
  return agentRequest(`/api/agents/${agentId}/invite`, { method: "POST", cookie: admin.cookie });
}

async function issuedToken(admin: TestAgent, agentId: string): Promise<string> {
  const response = await invite(admin, agentId);
  expect(response.status).toBe(201);
  return tokenOf((await response.json()) as Invite);
}

function tokenOf(link: Invite): string {
  const match = /^http:\/\/parley\.test\/dashboard\/#\/invite\/([A-Za-z0-9_-]{43})$/.exec(link.invite_url);
  if (!match) throw new Error(`not an invite link: ${link.invite_url}`);
  return match[1]!;
}

function accept(token: string, password = NEW_PASSWORD, origin?: string): Promise<Response> {
  return agentRequest("/api/auth/invite", { body: { token, password }, origin });
}

function check(token: string): Promise<Response> {
  return agentRequest("/api/auth/invite/check", { body: { token } });
}

async function errorOf(response: Response): Promise<{ status: number; code: string; message: string }> {
  const body = (await response.json()) as { error: { code: string; message: string } };
  return { status: response.status, ...body.error };
}

describe("invites: one-time sign-in links (SPEC §5)", () => {
  it("lets an admin invite an agent, who sets a password with the link and is signed in", async () => {
    const site = await createSite();
    const admin = await createAgent(site, { role: "admin" });
    const sam = await createAgent(site, { name: "Sam" });
    const before = Date.now();
    const response = await invite(admin, sam.id);
    expect(response.status).toBe(201);
    const link = (await response.json()) as Invite;
    const token = tokenOf(link);
    const expiresAt = Date.parse(link.expires_at);
    expect(expiresAt - before).toBeGreaterThanOrEqual(7 * 24 * 3600 * 1000 - 1000);
    expect(expiresAt - before).toBeLessThanOrEqual(7 * 24 * 3600 * 1000 + 5000);

    // Stored only as its SHA-256: the table alone signs no one in.
    const rows = await env.DB.prepare("SELECT * FROM agent_invites WHERE agent_id = ?").bind(sam.id).all<Record<string, unknown>>();
    expect(rows.results).toHaveLength(1);
    expect(rows.results[0]!.id).toBe(await sha256Hex(token));
    expect(JSON.stringify(rows.results)).not.toContain(token);

    const checked = await check(token);
    expect(checked.status).toBe(200);
    expect((await checked.json()) as InviteCheckResponse).toMatchObject({ agent: { name: "Sam", email: sam.email }, workspace: { name: "Test" } });

    const accepted = await accept(token);
    expect(accepted.status).toBe(200);
    expect(((await accepted.json()) as MeResponse).agent).toMatchObject({ id: sam.id, email: sam.email });
    const cookie = sessionCookie(accepted);
    expect(accepted.headers.get("Set-Cookie")).toMatch(/HttpOnly/i);
    expect((await me({ ...sam, cookie })).agent.id).toBe(sam.id);
    expect((await login(sam.email, NEW_PASSWORD)).status).toBe(200);
    expect((await login(sam.email, PASSWORD)).status).toBe(401);
  });

  it("gives an agent created without a password an invite link in the answer", async () => {
    const site = await createSite();
    const admin = await createAgent(site, { role: "admin" });
    const email = `${crypto.randomUUID().slice(0, 8)}@invited.test`;
    const created = await agentRequest("/api/agents", { cookie: admin.cookie, body: { email, name: "Ines Invited" } });
    expect(created.status).toBe(201);
    const body = (await created.json()) as CreateAgentResponse;
    expect(body).toMatchObject({ email, name: "Ines Invited", role: "agent", active: true });
    // No password works until they choose one, not even an empty-looking one.
    expect((await login(email, "none")).status).toBe(401);
    const accepted = await accept(tokenOf(body.invite!));
    expect(accepted.status).toBe(200);
    expect((await login(email, NEW_PASSWORD)).status).toBe(200);

    const withPassword = await agentRequest("/api/agents", {
      cookie: admin.cookie,
      body: { email: `pw-${email}`, name: "Has Password", password: "long enough password" },
    });
    expect(((await withPassword.json()) as CreateAgentResponse).invite).toBeNull();

    const taken = await agentRequest("/api/agents", { cookie: admin.cookie, body: { email: email.toUpperCase(), name: "Twin" } });
    expect(await errorOf(taken)).toMatchObject({ status: 409, code: "email_taken" });
    const badEmail = await errorOf(await agentRequest("/api/agents", { cookie: admin.cookie, body: { email: "not-an-email", name: "X" } }));
    expect(badEmail.status).toBe(400);
    expect(badEmail.message).toMatch(/^email: /);
    const sam = await createAgent(site);
    expect((await agentRequest("/api/agents", { cookie: sam.cookie, body: { email: `x-${email}`, name: "X" } })).status).toBe(403);
  });

  it("is for admins of the agent's own workspace only, and not for a deactivated agent", async () => {
    const site = await createSite();
    const admin = await createAgent(site, { role: "admin" });
    const sam = await createAgent(site);
    const stranger = await createAgent(await createSite(), { role: "admin" });
    expect(await errorOf(await invite(sam, admin.id))).toMatchObject({ status: 403, code: "forbidden" });
    expect(await errorOf(await invite(stranger, sam.id))).toMatchObject({ status: 404, code: "not_found" });
    expect(await errorOf(await invite(admin, "no-such-agent"))).toMatchObject({ status: 404 });
    const noOrigin = await agentRequest(`/api/agents/${sam.id}/invite`, { method: "POST", cookie: admin.cookie, origin: null });
    expect(noOrigin.status).toBe(403);

    await agentRequest(`/api/agents/${sam.id}`, { method: "PATCH", cookie: admin.cookie, body: { active: false } });
    expect(await errorOf(await invite(admin, sam.id))).toMatchObject({ status: 409, code: "agent_deactivated" });
  });

  it("refuses used, expired, replaced, unknown and malformed links, each in words", async () => {
    const site = await createSite();
    const admin = await createAgent(site, { role: "admin" });
    const sam = await createAgent(site);
    const used = await issuedToken(admin, sam.id);
    expect((await accept(used)).status).toBe(200);
    expect(await errorOf(await accept(used, "another long password"))).toMatchObject({ status: 410, code: "invite_used" });
    expect(await errorOf(await check(used))).toMatchObject({ status: 410, code: "invite_used" });
    expect((await login(sam.email, NEW_PASSWORD)).status).toBe(200);

    const expired = await issuedToken(admin, sam.id);
    await env.DB.prepare("UPDATE agent_invites SET expires_at = ? WHERE id = ?").bind(Date.now() - 1, await sha256Hex(expired)).run();
    expect(await errorOf(await accept(expired))).toMatchObject({ status: 410, code: "invite_expired" });

    // A new link voids the older unused one.
    const older = await issuedToken(admin, sam.id);
    const newer = await issuedToken(admin, sam.id);
    const replaced = await errorOf(await accept(older));
    expect(replaced).toMatchObject({ status: 410, code: "invite_expired" });
    expect(replaced.message).toContain("replaced");
    expect((await accept(newer)).status).toBe(200);

    const unknown = "A".repeat(43);
    expect(await errorOf(await accept(unknown))).toMatchObject({ status: 404, code: "invite_not_found" });
    const malformed = await errorOf(await accept("not-a-token"));
    expect(malformed).toMatchObject({ status: 400 });
    expect(malformed.message).toMatch(/^token: /);
    const weak = await errorOf(await accept(await issuedToken(admin, sam.id), "short"));
    expect(weak).toMatchObject({ status: 400 });
    expect(weak.message).toMatch(/^password: /);
  });

  it("refuses a link posted from another site, which would sign the browser into someone else's account", async () => {
    const site = await createSite();
    const admin = await createAgent(site, { role: "admin" });
    const sam = await createAgent(site);
    const token = await issuedToken(admin, sam.id);
    expect(await errorOf(await accept(token, NEW_PASSWORD, "https://evil.example"))).toMatchObject({ status: 403, code: "origin_not_allowed" });
    expect((await accept(token, NEW_PASSWORD, DASHBOARD_ORIGIN)).status).toBe(200);
  });

  it("is used once when two requests race with the same link: one signs in, the other is refused", async () => {
    const site = await createSite();
    const admin = await createAgent(site, { role: "admin" });
    const sam = await createAgent(site);
    const token = await issuedToken(admin, sam.id);
    const passwords = ["first racer password", "second racer password"];
    const answers = await Promise.all(passwords.map((password) => accept(token, password)));
    const statuses = answers.map((answer) => answer.status).sort();
    expect(statuses).toEqual([200, 410]);
    const winner = passwords[answers.findIndex((answer) => answer.status === 200)]!;
    const loser = passwords.find((password) => password !== winner)!;
    expect((await login(sam.email, winner)).status).toBe(200);
    expect((await login(sam.email, loser)).status).toBe(401);

    // The claim itself, with no look-up before it: of two at once, exactly one wins.
    const again = await issuedToken(admin, sam.id);
    const db = database(env.DB);
    const now = Date.now();
    const claims = await Promise.all(["x-password-one", "x-password-two"].map((password) => acceptInvite(db, again, password, now)));
    expect(claims.map((claim) => claim.ok).sort()).toEqual([false, true]);
    expect(claims.find((claim) => !claim.ok)).toMatchObject({ error: { status: 410, code: "invite_used" } });
  });

  it("resets a password: using the link ends the agent's earlier sign-ins and their sockets", async () => {
    const site = await createSite();
    const admin = await createAgent(site, { role: "admin" });
    const sam = await createAgent(site);
    const laptop = await signInAgain(sam);
    const dashboard = await DashboardSocket.open(laptop);
    const accepted = await accept(await issuedToken(admin, sam.id));
    expect(accepted.status).toBe(200);
    expect(await dashboard.untilClosed()).toEqual({ code: CLOSE_CODES.signedOut, reason: SIGNED_OUT_REASONS.passwordChanged });
    for (const old of [sam, laptop]) expect((await agentRequest("/api/auth/me", { cookie: old.cookie })).status).toBe(401);
    expect((await agentRequest("/api/auth/me", { cookie: sessionCookie(accepted) })).status).toBe(200);
  });

  it("cannot be used by a deactivated agent, nor again once they are turned back on", async () => {
    const site = await createSite();
    const admin = await createAgent(site, { role: "admin" });
    const sam = await createAgent(site);
    const token = await issuedToken(admin, sam.id);
    await agentRequest(`/api/agents/${sam.id}`, { method: "PATCH", cookie: admin.cookie, body: { active: false } });
    expect(await errorOf(await accept(token))).toMatchObject({ status: 403, code: "account_deactivated" });
    expect(await errorOf(await check(token))).toMatchObject({ status: 403, code: "account_deactivated" });
    // The refused attempt changed nothing; the deactivation voided the link for good.
    await agentRequest(`/api/agents/${sam.id}`, { method: "PATCH", cookie: admin.cookie, body: { active: true } });
    expect((await login(sam.email, PASSWORD)).status).toBe(200);
    expect(await errorOf(await accept(token))).toMatchObject({ status: 410, code: "invite_expired" });
    expect((await accept(await issuedToken(admin, sam.id))).status).toBe(200);
  });
});
