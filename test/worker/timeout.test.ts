import { runDurableObjectAlarm, runInDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it, vi } from "vitest";
import { createSite, request, startSession, TestSocket } from "./helpers";

const DAY = 24 * 60 * 60 * 1000;

describe("session inactivity timeout", () => {
  it("closes an idle session with a system message when its alarm fires, and a new message reopens it", async () => {
    const site = await createSite();
    const visitor = await startSession(site);
    const socket = await TestSocket.open(visitor.session_id, visitor.visitor_token);
    await request(`/api/chat/${visitor.session_id}/escalate`, { token: visitor.visitor_token, body: { reason: "help" } });
    await socket.next("status", (f) => f.status === "waiting");

    const stub = env.CHAT_SESSION.get(env.CHAT_SESSION.idFromName(visitor.session_id));
    expect(await runInDurableObject(stub, async (_, state) => state.storage.getAlarm())).not.toBeNull();

    // Not idle yet: the alarm runs, finds recent activity and leaves the session open.
    expect(await runDurableObjectAlarm(stub)).toBe(true);
    expect(socket.of("status").at(-1)?.status).toBe("waiting");

    await runInDurableObject(stub, async (_, state) => {
      state.storage.kv.put("last_activity_at", Date.now() - DAY - 1000);
      await state.storage.setAlarm(Date.now() + 60_000);
    });
    expect(await runDurableObjectAlarm(stub)).toBe(true);

    expect(await socket.next("status", (f) => f.status === "closed")).toEqual({ type: "status", status: "closed", agent: null });
    const note = await socket.next("message", (f) => f.message.metadata?.event === "closed");
    expect(note.message).toMatchObject({ sender_type: "system", metadata: { reason: "timeout" } });
    const row = await env.DB.prepare("SELECT status, closed_at FROM conversations WHERE id = ?").bind(visitor.session_id).first();
    expect(row).toMatchObject({ status: "closed" });
    const lobby = env.AGENT_LOBBY.get(env.AGENT_LOBBY.idFromName(site.workspaceId));
    expect(await lobby.stoppedCustomers({ agentId: "x", limit: 10, skip: 0 })).toMatchObject({ total: 0 });

    const again = await startSession(site, visitor.browserSessionId);
    expect(again.session_id).toBe(visitor.session_id);
    socket.send({ type: "message", client_msg_id: "back", content: "shipping time?" });
    expect(await socket.next("status", (f) => f.status === "bot")).toMatchObject({ status: "bot" });
    await socket.next("message", (f) => f.message.sender_type === "bot");
    await vi.waitFor(async () => {
      const reopened = await env.DB.prepare("SELECT status FROM conversations WHERE id = ?").bind(visitor.session_id).first();
      expect(reopened).toMatchObject({ status: "bot" });
    });
  });

  it("closes sockets that stay silent longer than CHAT_CONNECTION_TIMEOUT", async () => {
    const site = await createSite();
    const visitor = await startSession(site);
    const socket = await TestSocket.open(visitor.session_id, visitor.visitor_token);
    const stub = env.CHAT_SESSION.get(env.CHAT_SESSION.idFromName(visitor.session_id));
    await runInDurableObject(stub, async (_, state) => {
      for (const ws of state.getWebSockets()) {
        ws.serializeAttachment({ ...ws.deserializeAttachment(), lastSeenAt: Date.now() - 31_000 });
      }
    });
    await runDurableObjectAlarm(stub);
    expect(await socket.untilClosed()).toMatchObject({ code: 4000 });
  });
});
