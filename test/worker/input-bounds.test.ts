import { describe, expect, it } from "vitest";
import { isWellFormed, METADATA_MAX_CHARS, METADATA_MAX_DEPTH, METADATA_MAX_ENTRIES, type Message } from "../../src/protocol";
import { TEXT_CASES, TEXT_MAX } from "../shared/text-cases";
import { agentRequest, createAgent, DashboardSocket } from "./agents";
import { checkedFetch, createSite, ORIGIN, request, startSession, TestSocket } from "./helpers";

/** `{"a":{"a":…1}}` with `depth` objects, built as text so making it needs no deep stack. */
function nested(depth: number): string {
  return `${'{"a":'.repeat(depth)}1${"}".repeat(depth)}`;
}

/** The reported input: an object holding arrays nested 10,000 deep, 20 KB of JSON. */
const TEN_THOUSAND_DEEP = `{"a":${"[".repeat(10_000)}${"]".repeat(10_000)}}`;

describe("metadata bounds (SPEC §10)", () => {
  it("refuses metadata 10,000 levels deep with 400 invalid_metadata, over REST and as an error frame", async () => {
    const site = await createSite({ botEnabled: false });
    const visitor = await startSession(site);
    const deep = TEN_THOUSAND_DEEP;
    for (const path of ["messages", "escalate"]) {
      const body = path === "messages" ? `{"content":"hi","metadata":${deep}}` : `{"reason":"help","metadata":${deep}}`;
      expect(body.length).toBeLessThan(64 * 1024);
      const response = await request(`/api/chat/${visitor.session_id}/${path}`, { token: visitor.visitor_token, body });
      expect(response.status, path).toBe(400);
      expect(await response.json()).toMatchObject({
        error: { code: "invalid_metadata", message: expect.stringContaining(`${METADATA_MAX_DEPTH} levels`) },
      });
    }
    const socket = await TestSocket.open(visitor.session_id, visitor.visitor_token);
    socket.send(`{"type":"message","client_msg_id":"deep","content":"hi","metadata":${deep}}`);
    expect(await socket.next("error")).toMatchObject({ code: "invalid_frame", message: expect.stringContaining("metadata") });
    socket.send({ type: "message", client_msg_id: "fine", content: "still fine" });
    await socket.next("message", (f) => f.message.client_msg_id === "fine");
    expect(socket.closed).toBeNull();
  });

  it("takes metadata at each bound and refuses it one past: depth, entries, size", async () => {
    const site = await createSite({ botEnabled: false });
    const visitor = await startSession(site);
    const post = (metadata: string) =>
      request(`/api/chat/${visitor.session_id}/messages`, { token: visitor.visitor_token, body: `{"content":"hi","metadata":${metadata}}` });
    const entries = (n: number) => JSON.stringify(Object.fromEntries(Array.from({ length: n }, (_, i) => [`k${i}`, i])));
    const size = (chars: number) => JSON.stringify({ s: "x".repeat(chars - '{"s":""}'.length) });
    const cases: Array<[string, string, number]> = [
      ["depth at the bound", nested(METADATA_MAX_DEPTH), 201],
      ["depth past the bound", nested(METADATA_MAX_DEPTH + 1), 400],
      ["entries at the bound", entries(METADATA_MAX_ENTRIES), 201],
      ["entries past the bound", entries(METADATA_MAX_ENTRIES + 1), 400],
      ["size at the bound", size(METADATA_MAX_CHARS), 201],
      ["size past the bound", size(METADATA_MAX_CHARS + 1), 400],
      ["an array instead of an object", "[1,2]", 400],
      ["a wide array of deep arrays", `{"a":[${Array.from({ length: 20 }, () => "[[[[[[1]]]]]]").join(",")}]}`, 400],
    ];
    for (const [name, metadata, status] of cases) {
      const response = await post(metadata);
      expect(response.status, name).toBe(status);
      if (status === 400) expect(await response.json(), name).toMatchObject({ error: { code: "invalid_metadata" } });
    }
  });
});

describe("message text (SPEC §10): code points, well-formed, not blank", () => {
  it("treats every row of the shared table the same over REST and over the socket", async () => {
    const site = await createSite({ botEnabled: false });
    const visitor = await startSession(site);
    const socket = await TestSocket.open(visitor.session_id, visitor.visitor_token);
    for (const [i, row] of TEXT_CASES.entries()) {
      const response = await request(`/api/chat/${visitor.session_id}/messages`, {
        token: visitor.visitor_token,
        body: { content: row.text, client_msg_id: `rest-${i}` },
      });
      const body = (await response.json()) as Message & { error?: { code: string } };
      if (row.problem === null) {
        expect(response.status, row.name).toBe(201);
        expect(body.content, row.name).toBe(row.text.trim());
      } else {
        expect(response.status, row.name).toBe(400);
        expect(body.error?.code, row.name).toBe(row.problem);
      }

      socket.send({ type: "message", client_msg_id: `socket-${i}`, content: row.text });
      await socket.until(
        () => socket.of("message").some((f) => f.message.client_msg_id === `socket-${i}`) || socket.of("error").some((f) => f.client_msg_id === `socket-${i}`),
        `the answer to ${row.name}`,
      );
      const refused = socket.of("error").find((f) => f.client_msg_id === `socket-${i}`);
      expect(refused?.code ?? null, row.name).toBe(row.problem);
    }
    expect(TEXT_MAX).toBe(1000);
    // Read by an agent: the visitor's table spent their whole budget, and reads pay it too.
    const reader = await createAgent(site);
    const stored = (await (await agentRequest(`/api/chat/${visitor.session_id}/history?limit=200`, { cookie: reader.cookie })).json()) as {
      messages: Message[];
    };
    const accepted = TEXT_CASES.filter((row) => row.problem === null).length;
    expect(stored.messages.filter((m) => m.sender_type === "user")).toHaveLength(2 * accepted);
    expect(stored.messages.every((m) => isWellFormed(m.content))).toBe(true);
  });
});

describe("odd requests get clear refusals and store nothing malformed", () => {
  it("refuses metadata with broken text or a __proto__ key, and reasons that show nothing", async () => {
    const site = await createSite({ botEnabled: false });
    const visitor = await startSession(site);
    const post = (path: string, body: string) => request(`/api/chat/${visitor.session_id}/${path}`, { token: visitor.visitor_token, body });
    const cases: Array<[string, string, string, string]> = [
      ["a lone surrogate in a metadata value", "messages", '{"content":"hi","metadata":{"k":"\\ud800x"}}', "invalid_metadata"],
      ["a lone surrogate in a metadata key", "messages", '{"content":"hi","metadata":{"\\udfffkey":1}}', "invalid_metadata"],
      ["a __proto__ key", "messages", '{"content":"hi","metadata":{"__proto__":{"admin":true}}}', "invalid_metadata"],
      ["a reason of invisible characters", "escalate", '{"reason":"\\u200b\\u2800\\u3164"}', "invalid_request"],
      ["a reason with a control character", "escalate", '{"reason":"help\\u0000"}', "invalid_text"],
    ];
    for (const [name, path, body, code] of cases) {
      const response = await post(path, body);
      expect(response.status, name).toBe(400);
      expect(await response.json(), name).toMatchObject({ error: { code } });
    }
    const history = await request(`/api/chat/${visitor.session_id}/history`, { token: visitor.visitor_token });
    expect(await history.json()).toMatchObject({ count: 0 });
  });

  it("takes JSON only as application/json, and stops reading a body without a length at 64 KB", async () => {
    const site = await createSite({ botEnabled: false });
    const visitor = await startSession(site);
    const url = `/api/chat/${visitor.session_id}/messages`;
    const plain = await request(url, {
      token: visitor.visitor_token,
      body: JSON.stringify({ content: "as text/plain" }),
      headers: { "Content-Type": "text/plain" },
    });
    expect(plain.status).toBe(415);
    expect(await plain.json()).toMatchObject({ error: { code: "unsupported_media_type" } });

    // A chunked body: no Content-Length, 1 MB in 16 KB chunks; reading stops after 64 KB.
    let sent = 0;
    const chunk = new TextEncoder().encode("x".repeat(16 * 1024));
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent >= 1024 * 1024) return controller.close();
        sent += chunk.byteLength;
        controller.enqueue(chunk);
      },
    });
    const chunked = await checkedFetch(
      new Request(`http://parley.test${url}`, {
        method: "POST",
        body,
        headers: { "Content-Type": "application/json", Authorization: `Bearer ${visitor.visitor_token}`, Origin: ORIGIN },
      }),
    );
    expect(chunked.status).toBe(413);
    expect(sent).toBeLessThan(1024 * 1024);
  });

  it("takes a dashboard message's client_msg_id by the same rule as a visitor's", async () => {
    const site = await createSite();
    const visitor = await startSession(site);
    await request(`/api/chat/${visitor.session_id}/escalate`, { token: visitor.visitor_token, body: { reason: "help" } });
    const dashboard = await DashboardSocket.open(await createAgent(site));
    for (const id of ["\ud800", "a b/c", "\u0000<script>"]) {
      const refused = await dashboard.request(
        { type: "send_message", customer_id: visitor.visitor_id, page_id: site.siteId, message: "hi", client_msg_id: id },
        "error",
      );
      expect(refused.code, JSON.stringify(id)).toBe("invalid_frame");
    }
  });
});
