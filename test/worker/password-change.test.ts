import { describe, expect, it } from "vitest";
import { CLOSE_CODES, SIGNED_OUT_REASONS } from "../../src/protocol";
import { AgentRoom, agentRequest, createAgent, DashboardSocket, login, PASSWORD, signInAgain, type TestAgent } from "./agents";
import { createSite, startSession } from "./helpers";

const NEW_PASSWORD = "a fresh and longer passphrase";

function changePassword(agent: TestAgent, body: unknown, ip?: string): Promise<Response> {
  return agentRequest("/api/auth/password", { cookie: agent.cookie, body, ip });
}

async function errorOf(response: Response): Promise<{ status: number; code: string; message: string }> {
  const body = (await response.json()) as { error: { code: string; message: string } };
  return { status: response.status, ...body.error };
}

describe("POST /api/auth/password (SPEC §5)", () => {
  it("changes the password and ends the agent's other sign-ins and their sockets, keeping this one", async () => {
    const site = await createSite();
    const visitor = await startSession(site);
    const sam = await createAgent(site);
    const phone = await signInAgain(sam);
    const phoneDashboard = await DashboardSocket.open(phone);
    const phoneRoom = await AgentRoom.open(visitor.session_id, phone);
    const ownDashboard = await DashboardSocket.open(sam);
    const colleague = await createAgent(site);

    const changed = await changePassword(sam, { current_password: PASSWORD, new_password: NEW_PASSWORD });
    expect(changed.status).toBe(204);
    const ended = { code: CLOSE_CODES.signedOut, reason: SIGNED_OUT_REASONS.passwordChanged };
    expect(await phoneDashboard.untilClosed()).toEqual(ended);
    expect(await phoneRoom.untilClosed()).toEqual(ended);
    expect((await agentRequest("/api/auth/me", { cookie: phone.cookie })).status).toBe(401);

    // This sign-in carries on, and so does everyone else's.
    expect((await agentRequest("/api/auth/me", { cookie: sam.cookie })).status).toBe(200);
    expect((await ownDashboard.request({ type: "get_sessions", data: {} }, "sessions")).type).toBe("sessions");
    expect(ownDashboard.closed).toBeNull();
    expect((await agentRequest("/api/auth/me", { cookie: colleague.cookie })).status).toBe(200);

    expect((await login(sam.email, PASSWORD)).status).toBe(401);
    expect((await login(sam.email, NEW_PASSWORD)).status).toBe(200);
  });

  it("refuses a wrong current password and changes nothing", async () => {
    const site = await createSite();
    const sam = await createAgent(site);
    const phone = await signInAgain(sam);
    const refused = await errorOf(await changePassword(sam, { current_password: "not my password", new_password: NEW_PASSWORD }));
    expect(refused).toMatchObject({ status: 403, code: "wrong_password" });
    expect(refused.message).toContain("current_password");
    expect((await agentRequest("/api/auth/me", { cookie: phone.cookie })).status).toBe(200);
    expect((await login(sam.email, PASSWORD)).status).toBe(200);
  });

  it("names the field of a body it cannot take", async () => {
    const site = await createSite();
    const sam = await createAgent(site);
    for (const [body, field] of [
      [{ current_password: PASSWORD, new_password: "short" }, "new_password"],
      [{ current_password: PASSWORD, new_password: PASSWORD }, "new_password"],
      [{ new_password: NEW_PASSWORD }, "current_password"],
      [{ current_password: PASSWORD }, "new_password"],
    ] as const) {
      const refused = await errorOf(await changePassword(sam, body));
      expect(refused.status).toBe(400);
      expect(refused.message.startsWith(`${field}: `), refused.message).toBe(true);
    }
  });

  it("is for signed-in agents, from the dashboard's own origin", async () => {
    const site = await createSite();
    const sam = await createAgent(site);
    const body = { current_password: PASSWORD, new_password: NEW_PASSWORD };
    expect((await agentRequest("/api/auth/password", { body })).status).toBe(401);
    expect((await agentRequest("/api/auth/password", { cookie: sam.cookie, body, origin: "https://evil.example" })).status).toBe(403);
    expect((await login(sam.email, PASSWORD)).status).toBe(200);
  });

  it("rate limits guesses of the current password, like logins", async () => {
    const site = await createSite();
    const sam = await createAgent(site);
    const statuses: number[] = [];
    for (let i = 0; i < 25 && !statuses.includes(429); i++) {
      statuses.push((await changePassword(sam, { current_password: `guess ${i}`, new_password: NEW_PASSWORD })).status);
    }
    const firstRefusal = statuses.indexOf(429);
    // Ten a minute per email, counted with the logins; the one that created the agent was one of them.
    expect(firstRefusal).toBeGreaterThanOrEqual(9);
    expect(statuses.slice(0, firstRefusal).every((status) => status === 403)).toBe(true);
  });
});
