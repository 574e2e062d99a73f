import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { plainJson, readStored, readText, writeStored, writeText } from "../../widget/shared/storage";
import { readOutbox, UNREADABLE } from "../../widget/state/outbox";

const globals = globalThis as unknown as Record<string, unknown>;

describe("plainJson", () => {
  afterEach(() => {
    delete (Array.prototype as unknown as Record<string, unknown>).toJSON;
    delete (Object.prototype as unknown as Record<string, unknown>).toJSON;
  });

  it("ignores toJSON patched onto Array and Object (Prototype.js writes arrays as strings of JSON)", () => {
    const value = [{ client_msg_id: "w-1", content: "Hi", created_at: 1 }];
    (Array.prototype as unknown as Record<string, unknown>).toJSON = function (this: unknown[]) {
      return `[${this.map((v) => JSON.stringify(v)).join(", ")}]`;
    };
    expect(typeof JSON.parse(JSON.stringify(value))).toBe("string");
    expect(JSON.parse(plainJson(value))).toEqual(value);
    Object.defineProperty(Object.prototype, "toJSON", { configurable: true, value: () => "patched" });
    expect(JSON.parse(plainJson(value))).toEqual(value);
  });
});

describe("readOutbox", () => {
  const item = { client_msg_id: "w-abc", content: "Hello", created_at: 5 };

  it("reads a plain list as it is", () => {
    expect(readOutbox(JSON.stringify([item]))).toEqual({ items: [item], plain: true });
  });

  it("unwraps a list stored as a string of JSON, to be written back plain", () => {
    expect(readOutbox(JSON.stringify(JSON.stringify([item])))).toEqual({ items: [item], plain: false });
  });

  it("keeps entries that are not items as failed ones, with their text", () => {
    const { items, plain } = readOutbox(JSON.stringify([item, "bare text", { client_msg_id: "w-x", content: 7 }]));
    expect(plain).toBe(false);
    expect(items[0]).toEqual(item);
    expect(items[1]).toMatchObject({ content: "bare text", failed: UNREADABLE });
    expect(items[2]).toMatchObject({ client_msg_id: "w-x", content: '{"client_msg_id":"w-x","content":7}', failed: UNREADABLE });
  });

  it("keeps text that is no outbox at all as one failed item showing that text", () => {
    const { items } = readOutbox('[{"client_msg_id":"w-cut');
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ content: '[{"client_msg_id":"w-cut', failed: UNREADABLE });
    expect(items[0]!.client_msg_id).toMatch(/^w-\d+-\d+-\d+$/);
    expect(readOutbox("  ").items).toEqual([]);
  });
});

describe("storage when localStorage is blocked", () => {
  beforeEach(() => {
    Object.defineProperty(globalThis, "localStorage", {
      configurable: true,
      get() {
        throw new Error("SecurityError");
      },
    });
  });

  afterEach(() => {
    delete globals.localStorage;
  });

  it("keeps what is written in this page's memory and reads it back", () => {
    writeStored("parley:site:browser", "abcdef123456");
    expect(readStored<string>("parley:site:browser")).toBe("abcdef123456");
    writeText("parley:site:outbox:s1", "[]");
    expect(readText("parley:site:outbox:s1")).toBe("[]");
  });
});
