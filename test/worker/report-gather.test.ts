import { runInDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { afterEach, describe, expect, it, vi } from "vitest";
import { AgentLobby } from "../../src/objects/agent-lobby";
import { reportGatherMs } from "../../src/objects/chat-session/report-windows";
import { SessionStore } from "../../src/objects/chat-session/session-store";
import { BUCKET_MS, bucketOf } from "../../src/reports/buckets";
import { countLobbyCalls } from "./cost-meter";
import { nextFrameHandled } from "./frame-handled";
import { createSite, startSessionWhere, TestSocket, type TestSite, type Visitor } from "./helpers";
import { REPORTED, WINDOWS } from "./reported";

/**
 * When the lobby's live list hears of plain messages after a quiet spell (SPEC §2, README "What
 * is eventually consistent"): a gather after the first, with what followed it meanwhile, in one
 * lobby call; never in the message's round trip.
 */

const sessionOf = (id: string) => env.CHAT_SESSION.get(env.CHAT_SESSION.idFromName(id));
const lobbyOf = (site: TestSite) => env.AGENT_LOBBY.get(env.AGENT_LOBBY.idFromName(site.workspaceId));

/** The newest seq the lobby's list entry of the conversation holds. */
const listedSeq = (site: TestSite, conversationId: string) =>
  runInDurableObject(lobbyOf(site), (_, state) =>
    state.storage.sql.exec<{ last_seq: number }>("SELECT last_seq FROM customers WHERE conversation_id = ?", conversationId).one().last_seq,
  );

/**
 * A session whose gather is in the upper half of its span (at least 3/16 of the report window):
 * the test's next two messages, sent right after its first, have that long to be stored before
 * the report goes.
 */
function sessionGatheringLong(site: TestSite): Promise<Visitor> {
  const least = (WINDOWS.reportWindowMs * 3) / 16;
  return startSessionWhere(site, (id) => reportGatherMs(id, WINDOWS.reportWindowMs) >= least, "with a gather in the upper half of its span");
}

let lobby: ReturnType<typeof countLobbyCalls> | null = null;
afterEach(() => {
  lobby?.stop();
  lobby = null;
  vi.restoreAllMocks();
});

describe("the lobby's coalesced reports", () => {
  it("gives each conversation its own gather, from an eighth to a quarter of the report window", () => {
    const ids = Array.from({ length: 200 }, () => crypto.randomUUID());
    const gathers = ids.map((id) => reportGatherMs(id, WINDOWS.reportWindowMs));
    for (const gather of gathers) {
      expect(gather).toBeGreaterThanOrEqual(WINDOWS.reportWindowMs / 8);
      expect(gather).toBeLessThan(WINDOWS.reportWindowMs / 4);
    }
    expect(new Set(gathers).size).toBeGreaterThan(50);
    expect(ids.map((id) => reportGatherMs(id, WINDOWS.reportWindowMs))).toEqual(gathers);
  });

  it("hears of a quiet conversation's quick run of messages a gather after the first, in one call", async () => {
    const site = await createSite({ botEnabled: false });
    const visitor = await sessionGatheringLong(site);
    const id = visitor.session_id;
    const socket = await TestSocket.open(id, visitor.visitor_token);
    // The first message escalates (a state change): the lobby hears of it at once.
    socket.send({ type: "message", client_msg_id: "opening", content: "Is anyone there?" });
    const opening = (await socket.next("message", (f) => f.message.client_msg_id === "opening")).message;
    await vi.waitFor(async () => expect(await listedSeq(site, id)).toBeGreaterThanOrEqual(opening.seq), REPORTED);
    // A report window with no report since: the conversation is quiet.
    const lastReportAt = await runInDurableObject(sessionOf(id), (_, state) => new SessionStore(state.storage.kv).lastReportAt());
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, lastReportAt + WINDOWS.reportWindowMs - Date.now() + 1)));

    lobby = countLobbyCalls();
    const reports = vi.spyOn(AgentLobby.prototype, "report");
    const handled = nextFrameHandled();
    socket.send({ type: "message", client_msg_id: "run-1", content: "I ordered a lamp" });
    await handled();
    expect(lobby.calls(), "lobby calls in the round trip").toBe(0);
    const first = (await socket.next("message", (f) => f.message.client_msg_id === "run-1")).message;
    // The alarm that reports is set for the gather; D1's write, a window after its last, is later;
    // the message's count waits for its report bucket's end (SPEC §11), rarely the sooner.
    const alarm = await runInDurableObject(sessionOf(id), (_, state) => state.storage.getAlarm());
    const gathered = Date.parse(first.timestamp) + reportGatherMs(id, WINDOWS.reportWindowMs);
    expect(alarm).toBe(Math.min(gathered, bucketOf(Date.parse(first.timestamp)) + BUCKET_MS));

    socket.send({ type: "message", client_msg_id: "run-2", content: "it arrived broken" });
    socket.send({ type: "message", client_msg_id: "run-3", content: "can I get a new one?" });
    // Either order: the test pool's wrapper awaits a module import of its own before handing each
    // event to the object (vitest-pool-workers), so frames sent back to back may overtake there.
    const rest = await Promise.all(["run-2", "run-3"].map(async (client) => (await socket.next("message", (f) => f.message.client_msg_id === client)).message));
    const last = Math.max(...rest.map((message) => message.seq));
    await vi.waitFor(async () => expect(await listedSeq(site, id)).toBe(last), REPORTED);
    // Reports only: a report bucket ending meanwhile hands its counts over in a call of its own.
    expect(reports.mock.calls, "reports for the run of three").toHaveLength(1);
    socket.end();
  });
});
