import { describe, expect, it } from "vitest";
import { decide } from "../../src/objects/agent-lobby/transitions";
import { INITIAL_STATE, type ConversationState } from "../../src/objects/contracts";

const sam = { id: "sam", name: "Sam Support" };
const ada = { id: "ada", name: "Ada Admin" };
const at = (state: Partial<ConversationState>): ConversationState => ({ ...INITIAL_STATE, version: 3, ...state });
const options = { botEnabled: true, now: 1_000 };

describe("the support lifecycle", () => {
  it("escalates bot and closed sessions to waiting, and leaves waiting and assigned alone", () => {
    expect(decide(at({ status: "bot" }), { type: "escalate", reason: "x" }, options)).toEqual({
      ok: true,
      value: { status: "waiting", agent: null, waitingSince: 1_000, closedAt: null },
    });
    expect(decide(at({ status: "closed", closedAt: 5 }), { type: "escalate", reason: "x" }, options)).toMatchObject({
      value: { status: "waiting" },
    });
    const assigned = at({ status: "assigned", agent: sam });
    expect(decide(assigned, { type: "escalate", reason: "x" }, options)).toEqual({ ok: true, value: assigned });
  });

  it("lets exactly one agent hold a customer", () => {
    const waiting = at({ status: "waiting", waitingSince: 10 });
    const won = decide(waiting, { type: "assign", agent: sam }, options);
    expect(won).toMatchObject({ ok: true, value: { status: "assigned", agent: sam, waitingSince: null } });
    const held = at({ status: "assigned", agent: sam });
    expect(decide(held, { type: "assign", agent: ada }, options)).toEqual({
      ok: false,
      error: { status: 409, code: "already_assigned", message: "Customer is already assigned to Sam Support" },
    });
    expect(decide(held, { type: "assign", agent: sam }, options)).toEqual({ ok: true, value: held });
  });

  it("releases to waiting, transfers, closes, times out and reopens", () => {
    const held = at({ status: "assigned", agent: sam });
    expect(decide(held, { type: "unassign", agent: sam }, options)).toMatchObject({ value: { status: "waiting", waitingSince: 1_000 } });
    expect(decide(held, { type: "transfer", from: sam, to: ada }, options)).toMatchObject({ value: { status: "assigned", agent: ada } });
    expect(decide(held, { type: "close", by: sam }, options)).toMatchObject({ value: { status: "closed", closedAt: 1_000 } });
    expect(decide(at({ status: "waiting" }), { type: "timeout" }, options)).toMatchObject({ value: { status: "closed" } });
    const closed = at({ status: "closed" });
    expect(decide(closed, { type: "close", by: sam }, options)).toMatchObject({ ok: false, error: { code: "already_closed" } });
    expect(decide(closed, { type: "visitor_message" }, options)).toMatchObject({ value: { status: "bot" } });
    expect(decide(closed, { type: "visitor_message" }, { ...options, botEnabled: false })).toMatchObject({ value: { status: "waiting" } });
    const bot = at({ status: "bot" });
    expect(decide(bot, { type: "visitor_message" }, options)).toEqual({ ok: true, value: bot });
    expect(decide(bot, { type: "unassign", agent: sam }, options)).toMatchObject({ ok: false, error: { code: "not_assigned" } });
  });

  it("reopens a closed session to its last agent when available, else to waiting if ever escalated, else to the bot", () => {
    const closed = at({ status: "closed" });
    const availableSam = { ...options, isAvailable: (id: string) => id === sam.id };
    const reopen = (lastAgent: typeof sam | null, escalated: boolean) => ({ type: "reopen" as const, lastAgent, escalated });
    expect(decide(closed, reopen(sam, true), availableSam)).toMatchObject({ value: { status: "assigned", agent: sam } });
    expect(decide(closed, reopen(ada, true), availableSam)).toMatchObject({ value: { status: "waiting", agent: null } });
    expect(decide(closed, reopen(null, false), availableSam)).toMatchObject({ value: { status: "bot" } });
    expect(decide(closed, reopen(null, false), { ...availableSam, botEnabled: false })).toMatchObject({ value: { status: "waiting" } });
    const open = at({ status: "waiting" });
    expect(decide(open, reopen(sam, true), availableSam)).toEqual({ ok: true, value: open });
  });
});
