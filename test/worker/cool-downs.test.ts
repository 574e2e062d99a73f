import { describe, expect, it } from "vitest";
import { CoolDowns } from "../../src/lib/cool-downs";

describe("CoolDowns (the worker's memory of callers refused while cooling down)", () => {
  it("tells the milliseconds left until the end it was told, then nothing", () => {
    const coolDowns = new CoolDowns(10);
    coolDowns.remember("conversation-1:visitor-1", 5_000);
    expect(coolDowns.remainingMs("conversation-1:visitor-1", 2_000)).toBe(3_000);
    expect(coolDowns.remainingMs("conversation-1:visitor-2", 2_000)).toBe(0);
    expect(coolDowns.remainingMs("conversation-2:visitor-1", 2_000)).toBe(0);
    expect(coolDowns.remainingMs("conversation-1:visitor-1", 5_000)).toBe(0);
    // An ended cool-down is forgotten: a clock that goes back does not revive it.
    expect(coolDowns.remainingMs("conversation-1:visitor-1", 4_000)).toBe(0);
  });

  it("takes a newer end for the same caller", () => {
    const coolDowns = new CoolDowns(10);
    coolDowns.remember("c:v", 5_000);
    coolDowns.remember("c:v", 9_000);
    expect(coolDowns.remainingMs("c:v", 6_000)).toBe(3_000);
  });

  it("holds at most its bound, dropping the oldest first", () => {
    const coolDowns = new CoolDowns(3);
    for (const key of ["a", "b", "c"]) coolDowns.remember(key, 10_000);
    // Remembering "a" again makes it the newest, so "b" is the oldest when "d" comes.
    coolDowns.remember("a", 10_000);
    coolDowns.remember("d", 10_000);
    expect(["a", "b", "c", "d"].map((key) => coolDowns.remainingMs(key, 0))).toEqual([10_000, 0, 10_000, 10_000]);
  });
});
