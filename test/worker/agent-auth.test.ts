import { env } from "cloudflare:workers";
import { describe, expect, it, vi } from "vitest";
import { PBKDF2_ITERATIONS } from "../../src/auth/passwords";
import { agentRequest, createAgent, DashboardSocket, login, me, PASSWORD } from "./agents";
import { createSite } from "./helpers";

describe("agent login", () => {
  it("logs in with a hashed password and sets an HttpOnly, SameSite=Lax, Secure session cookie", async () => {
    const site = await createSite();
    const agent = await createAgent(site, { name: "Sam Support" });
    const stored = await env.DB.prepare("SELECT password_hash FROM agents WHERE id = ?").bind(agent.id).first<{ password_hash: string }>();
    expect(stored!.password_hash).toMatch(/^pbkdf2-sha256\$100000\$[A-Za-z0-9_-]{22}\$[A-Za-z0-9_-]{43}$/);
    expect(stored!.password_hash).not.toContain(PASSWORD);

    const response = await login(agent.email, PASSWORD);
    const cookie = response.headers.get("Set-Cookie")!;
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    expect(cookie).toMatch(/Secure/);
    expect(await response.json()).toMatchObject({ agent: { email: agent.email, name: "Sam Support", role: "agent" } });

    const session = await env.DB.prepare("SELECT id, expires_at FROM auth_sessions WHERE agent_id = ? LIMIT 1").bind(agent.id).first<{
      id: string;
      expires_at: number;
    }>();
    expect(session!.id).toMatch(/^[0-9a-f]{64}$/);
    expect(agent.cookie).not.toContain(session!.id);
    expect(session!.expires_at).toBeGreaterThan(Date.now());
    expect(await me(agent)).toMatchObject({ agent: { id: agent.id }, workspace: { id: site.workspaceId } });
  });

  it("refuses wrong passwords, unknown emails and cross-site login forms", async () => {
    const site = await createSite();
    const agent = await createAgent(site);
    for (const [email, password] of [
      [agent.email, "wrong password"],
      ["nobody@agents.test", PASSWORD],
    ]) {
      const response = await login(email!, password!);
      expect(response.status).toBe(401);
      expect(await response.json()).toEqual({ error: { code: "invalid_credentials", message: "Email or password is wrong" } });
    }
    const forged = await login(agent.email, PASSWORD, { origin: "https://evil.example" });
    expect(forged.status).toBe(403);
  });

  it("does the same password-hashing work for an unknown email as for a wrong password", async () => {
    const site = await createSite();
    const agent = await createAgent(site);
    // The worker runs in this isolate, so a spy on WebCrypto sees every key derivation it does.
    const derive = vi.spyOn(crypto.subtle, "deriveBits");
    const work = async (email: string) => {
      derive.mockClear();
      const response = await login(email, "not the password");
      return {
        status: response.status,
        body: await response.text(),
        // Everything but the salt, which is each stored hash's own.
        derivations: derive.mock.calls.map(([algorithm, , bits]) => {
          const { name, hash, iterations, salt } = algorithm as { name: string; hash: string; iterations: number; salt: Uint8Array };
          return { name, hash, iterations, saltBytes: salt.byteLength, bits };
        }),
      };
    };
    const known = await work(agent.email);
    const unknown = await work("nobody@agents.test");
    derive.mockRestore();
    expect(unknown).toEqual(known);
    expect(known.derivations).toHaveLength(1);
    expect(known.derivations[0]).toMatchObject({ name: "PBKDF2", hash: "SHA-256", iterations: PBKDF2_ITERATIONS });
  });

  it("rate limits login attempts", async () => {
    const site = await createSite();
    const agent = await createAgent(site);
    const statuses: number[] = [];
    // Counted per minute window: going on past twice the limit finds the refusal even when a
    // window ends during the loop.
    for (let i = 0; i < 25 && !statuses.includes(429); i++) {
      statuses.push((await login(agent.email, "guess", { ip: "198.51.100.9" })).status);
    }
    // Ten attempts per email a minute; the login that created the test agent was the first.
    const firstRefusal = statuses.indexOf(429);
    expect(firstRefusal).toBeGreaterThanOrEqual(9);
    expect(statuses.slice(0, firstRefusal).every((s) => s === 401)).toBe(true);
  });

  it("ends the session on logout and when it expires", async () => {
    const site = await createSite();
    const agent = await createAgent(site);
    expect((await agentRequest("/api/auth/logout", { method: "POST", cookie: agent.cookie })).status).toBe(204);
    expect((await agentRequest("/api/auth/me", { cookie: agent.cookie })).status).toBe(401);

    const again = await createAgent(site);
    await env.DB.prepare("UPDATE auth_sessions SET expires_at = ? WHERE agent_id = ?").bind(Date.now() - 1, again.id).run();
    const expired = await agentRequest("/api/auth/me", { cookie: again.cookie });
    expect(expired.status).toBe(401);
    expect(await expired.json()).toMatchObject({ error: { code: "unauthorized" } });
  });

  it("checks Origin on state-changing requests and on every socket upgrade", async () => {
    const site = await createSite();
    const agent = await createAgent(site);
    const forgedPost = await agentRequest("/api/auth/logout", { method: "POST", cookie: agent.cookie, origin: "https://evil.example" });
    expect(forgedPost.status).toBe(403);
    const noOrigin = await agentRequest("/api/auth/logout", { method: "POST", cookie: agent.cookie, origin: null });
    expect(noOrigin.status).toBe(403);
    expect((await DashboardSocket.upgrade(agent.cookie, "https://evil.example")).status).toBe(403);
    expect((await DashboardSocket.upgrade(agent.cookie, null)).status).toBe(403);
    expect((await DashboardSocket.upgrade("parley_session=forged")).status).toBe(401);
    expect((await agentRequest("/api/auth/me", { cookie: agent.cookie })).status).toBe(200);
  });
});
