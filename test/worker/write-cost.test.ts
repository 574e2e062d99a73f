import { env } from "cloudflare:workers";
import { describe, expect, it, vi } from "vitest";
import { AgentLobby } from "../../src/objects/agent-lobby";
import { createSite, startSession, TestSocket } from "./helpers";

const TABLES = ["workspaces", "agents", "auth_sessions", "sites", "faqs", "visitors", "conversations", "members", "escalations"];

/** Counts every row D1 writes, by triggers on every table: a measurement, not an assumption. */
async function installWriteCounter(): Promise<() => Promise<number>> {
  await env.DB.exec("CREATE TABLE IF NOT EXISTS write_log (id INTEGER PRIMARY KEY AUTOINCREMENT, tbl TEXT)");
  for (const table of TABLES) {
    for (const op of ["INSERT", "UPDATE", "DELETE"]) {
      await env.DB.exec(
        `CREATE TRIGGER IF NOT EXISTS count_${op.toLowerCase()}_${table} AFTER ${op} ON ${table} BEGIN INSERT INTO write_log (tbl) VALUES ('${table}'); END`,
      );
    }
  }
  return async () => (await env.DB.prepare("SELECT count(*) AS n FROM write_log").first<{ n: number }>())!.n;
}

describe("cost of a chat message", () => {
  it("is at most one D1 write and one lobby call", async () => {
    const site = await createSite();
    const visitor = await startSession(site);
    const socket = await TestSocket.open(visitor.session_id, visitor.visitor_token);
    socket.send({ type: "escalate", reason: "a human please" });
    await socket.next("status", (f) => f.status === "waiting");
    await vi.waitFor(async () => {
      const row = await env.DB.prepare("SELECT state_version FROM conversations WHERE id = ?").bind(visitor.session_id).first<{ state_version: number }>();
      expect(row!.state_version).toBeGreaterThan(0);
    });

    const writes = await installWriteCounter();
    // The objects run in this isolate, so a spy on the class sees every RPC the lobby serves.
    const reports = vi.spyOn(AgentLobby.prototype, "report");

    const before = await writes();
    const MESSAGES = 25;
    for (let i = 0; i < MESSAGES; i++) socket.send({ type: "message", client_msg_id: `cost-${i}`, content: `message ${i}` });
    await socket.next("message", (f) => f.message.client_msg_id === `cost-${MESSAGES - 1}`);
    await new Promise((resolve) => setTimeout(resolve, 300));
    const d1Writes = (await writes()) - before;
    const lobbyCalls = reports.mock.calls.length;
    reports.mockRestore();

    console.log(
      `cost per chat message over ${MESSAGES} messages: ${(d1Writes / MESSAGES).toFixed(2)} D1 row writes, ${(lobbyCalls / MESSAGES).toFixed(2)} lobby calls`,
    );
    expect(d1Writes).toBeLessThanOrEqual(MESSAGES);
    expect(d1Writes).toBeGreaterThan(0);
    expect(lobbyCalls).toBeLessThanOrEqual(MESSAGES);
    expect(lobbyCalls).toBeGreaterThan(0);
  });
});
