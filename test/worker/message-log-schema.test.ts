import { runInDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { expect, it } from "vitest";
import { MESSAGE_LOG_SCHEMA, MessageLog } from "../../src/objects/chat-session/message-log";

const draft = (content: string, clientMsgId?: string) => ({
  senderId: "visitor-1",
  senderType: "user" as const,
  senderName: "Visitor",
  content,
  clientMsgId,
  at: Date.UTC(2026, 11, 2),
});

/**
 * A conversation stored by the first schema (a unique index on `id`) wakes under the second:
 * every message is kept with its id and seq, the seq goes on without a gap, a repeated
 * `client_msg_id` is still found by the insert, and the index on `id` is gone.
 */
it("moves a log of the first schema to the second without losing or repeating a message", async () => {
  const stub = env.CHAT_SESSION.get(env.CHAT_SESSION.idFromName("message-log-schema"));
  await runInDurableObject(stub, (_, state) => {
    const { sql, kv } = state.storage;
    sql.exec("DROP TABLE IF EXISTS messages");
    sql.exec(MESSAGE_LOG_SCHEMA[0]!);
    // Told it is current, this log appends to the first schema's table as that code did.
    kv.put("schema:messages", MESSAGE_LOG_SCHEMA.length);
    const old = new MessageLog(state.storage, () => "conversation-1");
    const indexesBefore = sql.exec<{ name: string }>("PRAGMA index_list(messages)").toArray().map((row) => row.name);
    const first = old.append(draft("first", "c-1")).message;
    const second = old.append(draft("second")).message;

    kv.put("schema:messages", 1);
    const log = new MessageLog(state.storage, () => "conversation-1");

    expect(kv.get("schema:messages")).toBe(MESSAGE_LOG_SCHEMA.length);
    expect(log.latest(10).messages).toEqual([first, second]);
    const repeat = log.append(draft("first again", "c-1"));
    expect(repeat).toEqual({ message: first, created: false });
    const third = log.append(draft("third", "c-3"));
    expect(third.created).toBe(true);
    expect(third.message.seq).toBe(3);
    const indexes = sql.exec<{ name: string }>("PRAGMA index_list(messages)").toArray().map((row) => row.name);
    expect(indexesBefore.some((name) => name.startsWith("sqlite_autoindex_messages"))).toBe(true);
    expect(indexes).toEqual(["messages_client_id"]);
  });
});
