import { env } from "cloudflare:workers";
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { ChatSession } from "../../src/objects/chat-session";
import type { DashboardEvent, Message } from "../../src/protocol";
import { AgentRoom, agentRequest, DashboardSocket, type TestAgent } from "./agents";
import { MESSAGES, PER_MESSAGE_MAX, startCostMeter, type Cost, type CostMeter } from "./cost-meter";
import { nextHandled } from "./frame-handled";
import { REPORTED } from "./reported";
import { createGroup, createTeam, openDirect } from "./team";

/**
 * "Coalesced, not one per message": the most list frames of one kind a member's dashboard may get
 * for a burst. A report goes at most once per window, and a burst fits in one or two windows.
 */
const LIST_FRAMES_MAX = 5;

/**
 * How long the copies may take: a report's window and write, and never less than a few seconds
 * for D1 and the lobby to answer, so a run with a shorter window (a report per message, say)
 * fails on what it costs rather than on the wait.
 */
const SETTLED = { interval: REPORTED.interval, timeout: Math.max(REPORTED.timeout, 5_000) } as const;

let meter: CostMeter | null = null;
const table: Array<[string, Cost, Cost]> = [];
/**
 * Sockets stay open until every test is done: a dashboard that closes starts its agent's presence
 * grace, whose end writes D1 from the lobby's alarm, into whatever the next test is measuring.
 */
const sockets: Array<{ end(): void }> = [];

/**
 * ChatSession alarms under way. A team chat reports from its alarm and nowhere else (an agent's
 * message changes no state, so nothing reports at once), so no alarm running means no report is.
 */
let alarmsRunning = 0;
let alarmsRun = 0;

beforeEach(() => {
  const original = ChatSession.prototype.alarm;
  vi.spyOn(ChatSession.prototype, "alarm").mockImplementation(async function watched(this: ChatSession) {
    alarmsRunning++;
    try {
      await original.call(this);
    } finally {
      alarmsRunning--;
      alarmsRun++;
    }
  });
});

afterEach(() => {
  meter?.stop();
  meter = null;
  vi.restoreAllMocks();
});

afterAll(() => {
  for (const socket of sockets) socket.end();
  console.log(
    [
      "path | inside the round trip: D1 rows, lobby calls | per message over 25: D1 rows, lobby calls",
      ...table.map(([name, inside, each]) => `${name} | ${inside.d1}, ${inside.lobby} | ${each.d1.toFixed(2)}, ${each.lobby.toFixed(2)}`),
    ].join("\n"),
  );
});

async function lastSeqInD1(chatId: string): Promise<number> {
  const row = await env.DB.prepare("SELECT last_seq FROM conversations WHERE id = ?").bind(chatId).first<{ last_seq: number }>();
  return row!.last_seq;
}

/**
 * Waits until every copy of the chat holds `seq` and nothing of the chat is under way. A report
 * writes D1's row, then the members' counts, then asks the lobby to deliver their list frames,
 * all inside the alarm: D1 showing `seq` with no alarm running means the report that carried
 * `seq` ran to its end. List frames alone would not tell: a report's frames show the log's
 * newest seq, which may be newer than what that report carried, and a group's creation delivers
 * frames twice (at once, then from its report).
 */
async function settled(chatId: string, seq: number): Promise<void> {
  await vi.waitFor(async () => {
    expect(await lastSeqInD1(chatId)).toBeGreaterThanOrEqual(seq);
    expect(alarmsRunning).toBe(0);
  }, SETTLED);
}

async function openDashboards(agents: readonly TestAgent[]): Promise<DashboardSocket[]> {
  const opened: DashboardSocket[] = [];
  // One at a time: the first flips the workspace's presence record, awaited before its upgrade answers.
  for (const agent of agents) opened.push(await DashboardSocket.open(agent));
  sockets.push(...opened);
  return opened;
}

type Via = "room" | "rest";

/**
 * Measures one chat along two paths, the first member writing over their room socket and the
 * second over REST (each then has a person budget of their own, SPEC §10): per path, one message
 * inside its round trip, then a burst of 25 once every copy has caught up, with the members'
 * dashboards checked for the burst's list frames.
 */
async function measureChat(label: string, chatId: string, members: readonly TestAgent[], dashboards: readonly DashboardSocket[]): Promise<void> {
  const [first, second] = members as [TestAgent, TestAgent];
  const room = await AgentRoom.open(chatId, first);
  sockets.push(room);
  meter = startCostMeter();
  const costs = meter;
  // What was set up (the group's "created" line and its report) is done before anything is measured.
  await settled(chatId, room.of("hello")[0]!.last_seq);
  /** Each member's unread count once delivered: messages by the others. */
  const unread = new Map(members.map((member) => [member.id, 0]));
  const rows: Array<[string, Cost, Cost]> = [];
  /** Per path and member: the team_chat_updated and team_unread frames the burst brought. */
  const listFrames: Array<[string, number, number]> = [];
  let sent = 0;
  const seqOf = (id: string) => room.of("message").find((frame) => frame.message.client_msg_id === id)?.message.seq;

  /**
   * Sends one message and returns once it is answered: a REST call with its response, a frame with
   * its echo. One at a time, as a client waiting on its echoes would: a burst then gives a report
   * that is due every message (a regression) the chance to run, where 25 frames queued at once
   * would all be handled before any alarm.
   */
  const post = async (via: Via, sender: TestAgent, id: string, content: string): Promise<void> => {
    if (via === "room") {
      room.send({ type: "message", client_msg_id: id, content });
      await room.until(() => seqOf(id) !== undefined, "the message's echo");
      return;
    }
    const response = await agentRequest(`/api/chat/${chatId}/messages`, { cookie: sender.cookie, body: { content, client_msg_id: id } });
    expect(response.status).toBe(201);
    expect(((await response.json()) as Message).client_msg_id).toBe(id);
  };
  const wrote = (sender: TestAgent, count: number) => {
    for (const member of members) if (member.id !== sender.id) unread.set(member.id, unread.get(member.id)! + count);
  };

  const path = async (name: string, via: Via, sender: TestAgent): Promise<void> => {
    const id = `team-cost-${sent++}`;
    const start = costs.reading();
    // Read the moment the object has handled the message: a report's alarm may follow at once.
    const handled = nextHandled(via === "room" ? "webSocketMessage" : "post", () => costs.reading());
    await post(via, sender, id, `${name}: one`);
    const inside = costs.since(start, await handled());
    await room.until(() => seqOf(id) !== undefined, "the message's echo");
    wrote(sender, 1);
    await settled(chatId, seqOf(id)!);

    const burstStart = costs.reading();
    const marks = dashboards.map((dashboard) => dashboard.frames.length);
    const ids = Array.from({ length: MESSAGES }, () => `team-cost-${sent++}`);
    for (const burstId of ids) await post(via, sender, burstId, `${name}: ${burstId}`);
    await room.until(() => ids.every((burstId) => seqOf(burstId) !== undefined), "every message of the burst", 20_000);
    const lastSeq = Math.max(...ids.map((burstId) => seqOf(burstId)!));
    wrote(sender, MESSAGES);
    await settled(chatId, lastSeq);
    const burst = costs.since(burstStart);
    rows.push([`${label}, ${name}`, inside, { d1: burst.d1 / MESSAGES, lobby: burst.lobby / MESSAGES }]);

    // Live delivery: every member's list shows the burst's end, in a few frames, not one a message.
    for (const [index, member] of members.entries()) {
      const dashboard = dashboards[index]!;
      const since = () => dashboard.frames.slice(marks[index]);
      const updates = () => since().filter((frame): frame is DashboardEvent<"team_chat_updated"> => frame.type === "team_chat_updated" && frame.data.chat.id === chatId);
      const totals = () => since().filter((frame): frame is DashboardEvent<"team_unread"> => frame.type === "team_unread");
      // The delivery's unread total follows the chat on the same socket: once it is in, so is all of it.
      const delivered = () => {
        const frames = since();
        const at = frames.findIndex((frame) => frame.type === "team_chat_updated" && frame.data.chat.id === chatId && frame.data.chat.last_seq === lastSeq);
        return at >= 0 && frames.slice(at + 1).some((frame) => frame.type === "team_unread");
      };
      await dashboard.until(delivered, `${member.name}'s list frames for the burst`);
      expect(updates().at(-1)?.data.chat, `${member.name}'s list`).toMatchObject({ last_seq: lastSeq, unread_count: unread.get(member.id) });
      expect(totals().at(-1)?.data.unread_total, `${member.name}'s unread total`).toBe(unread.get(member.id));
      listFrames.push([`${label}, ${name}: ${member.name}'s`, updates().length, totals().length]);
    }
  };

  await path(`${first.name} over the room socket`, "room", first);
  await path(`${second.name} over REST`, "rest", second);
  table.push(...rows);
  // The settle condition above watches the alarm: it must be where the reports ran.
  expect(alarmsRun).toBeGreaterThan(0);
  // Soft: a regression shows every figure it moved, not just the first.
  for (const [name, inside, each] of rows) {
    expect.soft(inside, `${name}: inside the round trip`).toEqual({ d1: 0, lobby: 0 });
    expect.soft(each.d1, `${name}: D1 rows per message`).toBeLessThanOrEqual(PER_MESSAGE_MAX);
    expect.soft(each.lobby, `${name}: lobby calls per message`).toBeLessThanOrEqual(PER_MESSAGE_MAX);
  }
  for (const [whose, updates, totals] of listFrames) {
    expect.soft(updates, `${whose} team_chat_updated frames for ${MESSAGES} messages`).toBeLessThanOrEqual(LIST_FRAMES_MAX);
    expect.soft(totals, `${whose} team_unread frames for ${MESSAGES} messages`).toBeLessThanOrEqual(LIST_FRAMES_MAX);
  }
}

describe("cost of a team chat message (D1 rows written, lobby calls), SPEC §2 and §4.10", () => {
  it("direct chat: no D1 write and no lobby call in a message's round trip, at most 0.2 of each per message over a burst", { timeout: 60_000 }, async () => {
    const { agents } = await createTeam(2);
    const dashboards = await openDashboards(agents);
    const chat = await openDirect(agents[0]!, agents[1]!);
    await measureChat("direct", chat.id, agents, dashboards);
  });

  it("group of three: no D1 write and no lobby call in a message's round trip, at most 0.2 of each per message over a burst", { timeout: 60_000 }, async () => {
    const { agents } = await createTeam(3);
    const dashboards = await openDashboards(agents);
    const group = await createGroup(agents[0]!, "Ops", agents.slice(1));
    await measureChat("group of three", group.id, agents, dashboards);
  });

  it("group of eight: the same D1 rows per message as the group of three (a report's rows do not grow with the group)", { timeout: 60_000 }, async () => {
    const { agents } = await createTeam(8);
    const dashboards = await openDashboards(agents);
    const group = await createGroup(agents[0]!, "Everyone", agents.slice(1));
    await measureChat("group of eight", group.id, agents, dashboards);
    const perMessage = (label: string) => table.filter(([name]) => name.startsWith(`${label},`)).map(([, , each]) => each.d1);
    expect(perMessage("group of three")).toHaveLength(2);
    expect(perMessage("group of eight")).toEqual(perMessage("group of three"));
  });
});
