import { runInDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { expect, it } from "vitest";
import { PersonBudget } from "../../src/objects/person-budget";

const LIMITS = { burst: 30, perSecond: 5 };
const KEY = "budget:sends:visitor-1";

/** Runs `work` inside a ChatSession of its own, over that object's real storage. */
async function inObject(name: string, work: (kv: SyncKvStorage) => void): Promise<void> {
  await runInDurableObject(env.CHAT_SESSION.get(env.CHAT_SESSION.idFromName(name)), (_, state) => work(state.storage.kv));
}

/**
 * The per-person budget (src/objects/person-budget.ts) over a real object's storage: written only
 * once it runs low, and a woken instance (a new PersonBudget over the same storage) never grants
 * fewer tokens than the one before it had, nor more than half a burst beyond.
 */
it("stores a bucket only once it runs low, and a woken instance goes on from what was stored", async () => {
  await inObject("person-budget", (kv) => {
    const now = 1_000_000;
    const asleep = new PersonBudget(kv, LIMITS);

    // 15 spends leave 15 tokens, half the burst: nothing written yet.
    for (let i = 0; i < 15; i++) expect(asleep.spend("visitor-1", now)).toBe("allowed");
    expect(kv.get(KEY)).toBeUndefined();
    // The 16th leaves 14, under half: from here on every spend is stored.
    expect(asleep.spend("visitor-1", now)).toBe("allowed");
    expect(kv.get(KEY)).toMatchObject({ tokens: 14 });
    for (let i = 0; i < 4; i++) asleep.spend("visitor-1", now);
    expect(kv.get(KEY)).toMatchObject({ tokens: 10 });

    // A woken instance at the same moment has exactly the 10 tokens left, then refuses.
    const woken = new PersonBudget(kv, LIMITS);
    const answers = Array.from({ length: 12 }, () => woken.spend("visitor-1", now));
    expect(answers.filter((answer) => answer === "allowed")).toHaveLength(10);
    expect(answers.slice(10)).toEqual(["refused", "refused"]);
    expect(kv.get(KEY)).toMatchObject({ tokens: 0, refused: 2 });

    // Another person, and another kind of budget, are buckets of their own.
    expect(woken.spend("visitor-2", now)).toBe("allowed");
    expect(woken.spend("visitor-1", now, "reads")).toBe("allowed");
  });
});

it("keeps refusing and then calls it flooding across instances, since refusals are stored", async () => {
  await inObject("person-budget-flood", (kv) => {
    const now = 2_000_000;
    const first = new PersonBudget(kv, LIMITS);
    for (let i = 0; i < LIMITS.burst; i++) first.spend("flooder", now);
    for (let i = 0; i < LIMITS.burst; i++) expect(first.spend("flooder", now)).toBe("refused");
    // A new instance remembers the refusals: the next one is one too many.
    expect(new PersonBudget(kv, LIMITS).spend("flooder", now)).toBe("flooding");
  });
});

it("cools a flooder down until half the burst has refilled, without spending or writing", async () => {
  await inObject("person-budget-cool-down", (kv) => {
    const now = 3_000_000;
    const budget = new PersonBudget(kv, LIMITS);
    for (let i = 0; i < 2 * LIMITS.burst; i++) budget.spend("refused", now);
    // A whole burst refused is not yet a flood: no cool-down.
    expect(budget.coolingDownMs("refused", now)).toBe(0);
    expect(budget.spend("flooder", now)).toBe("allowed");
    for (let i = 0; i < 2 * LIMITS.burst; i++) budget.spend("flooder", now);
    expect(budget.spend("flooder", now)).toBe("flooding");
    const stored = kv.get(KEY.replace("visitor-1", "flooder"));
    // Half the burst refills in 3 s at 5/s: cooling down until then (in a woken instance too), not after.
    const halfRefilledMs = (LIMITS.burst / 2 / LIMITS.perSecond) * 1000;
    expect(budget.coolingDownMs("flooder", now)).toBe(halfRefilledMs);
    expect(new PersonBudget(kv, LIMITS).coolingDownMs("flooder", now + halfRefilledMs - 1000)).toBe(1000);
    expect(budget.coolingDownMs("flooder", now + halfRefilledMs)).toBe(0);
    expect(kv.get(KEY.replace("visitor-1", "flooder"))).toEqual(stored);
    // Someone who never spent is not cooling down.
    expect(budget.coolingDownMs("stranger", now)).toBe(0);
  });
});

it("keeps a flooder cooling down through what they may spend meanwhile", async () => {
  await inObject("person-budget-cool-down-spend", (kv) => {
    const budget = new PersonBudget(kv, LIMITS);
    const now = 4_000_000;
    for (let i = 0; i < 2 * LIMITS.burst + 1; i++) budget.spend("flooder", now);
    expect(budget.spend("flooder", now)).toBe("flooding");
    // 400 ms later two tokens are back: a REST call is allowed (and its spare token forgets the
    // refusals), yet the cool-down still runs to half a burst from the flood.
    expect(budget.spend("flooder", now + 400)).toBe("allowed");
    expect(budget.coolingDownMs("flooder", now + 400)).toBe(2600);
    expect(new PersonBudget(kv, LIMITS).coolingDownMs("flooder", now + 400)).toBe(2600);
    // Flooding again starts it over from then.
    for (let i = 0; i < 2 * LIMITS.burst; i++) budget.spend("flooder", now + 400);
    expect(budget.coolingDownMs("flooder", now + 400)).toBe(3000);
  });
});
