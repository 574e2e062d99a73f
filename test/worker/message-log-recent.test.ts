import { runInDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { expect, it } from "vitest";
import { MessageLog, RECENT_MAX } from "../../src/objects/chat-session/message-log";

const draft = (content: string, at: number) => ({
  senderId: "visitor-1",
  senderType: "user" as const,
  senderName: "Visitor",
  content,
  clientMsgId: `c-${content}`,
  at,
});

/**
 * The log's in-memory copy of what it just stored (`MessageLog.recent`): pages after a seq it
 * covers read no row, and every page is the one a woken instance (no copy, the table only) gives:
 * after a repeated `client_msg_id`, before and after the copy lets go of what the reports
 * claimed, past its bound, and once the instance forgot it all.
 */
it("pages recent messages from memory, the same pages the table gives", async () => {
  const stub = env.CHAT_SESSION.get(env.CHAT_SESSION.idFromName("message-log-recent"));
  await runInDurableObject(stub, (_, state) => {
    const reads: string[] = [];
    const sql = state.storage.sql;
    const counted = {
      kv: state.storage.kv,
      sql: {
        exec: (query: string, ...bindings: unknown[]) => {
          if (/^\s*SELECT/i.test(query)) reads.push(query);
          return sql.exec(query, ...bindings);
        },
      },
    } as unknown as DurableObjectStorage;
    const log = new MessageLog(counted, () => "conversation-1");
    const woken = () => new MessageLog(state.storage, () => "conversation-1");
    const at = Date.UTC(2026, 11, 3);
    for (let i = 1; i <= 5; i++) log.append(draft(`m${i}`, at + i));
    reads.length = 0;

    const pages = [log.after(2, 10), log.after(0, 2), log.after(1, 2, 3), log.after(5, 10), log.after(9, 10)];
    expect(reads).toEqual([]);
    expect(pages.map((page) => page.messages.map((message) => message.seq))).toEqual([[3, 4, 5], [1, 2], [4, 5], [], []]);
    expect(pages.map((page) => page.has_more)).toEqual([false, true, false, false, false]);
    const fromTable = woken();
    expect(pages).toEqual([fromTable.after(2, 10), fromTable.after(0, 2), fromTable.after(1, 2, 3), fromTable.after(5, 10), fromTable.after(9, 10)]);

    // A repeated client_msg_id stores nothing and keeps nothing: the pages stay the table's.
    expect(log.append(draft("m3", at + 9)).created).toBe(false);
    reads.length = 0;
    expect(log.after(0, 10)).toEqual(woken().after(0, 10));
    expect(log.after(0, 10).messages).toHaveLength(5);
    expect(reads).toEqual([]);

    log.release(3);
    expect(log.after(3, 10)).toEqual(woken().after(3, 10));
    expect(reads).toEqual([]);
    expect(log.after(2, 10)).toEqual(woken().after(2, 10));
    expect(reads).toHaveLength(1);

    for (let i = 6; i <= RECENT_MAX + 10; i++) log.append(draft(`m${i}`, at + i));
    const last = RECENT_MAX + 10;
    reads.length = 0;
    expect(log.after(last - RECENT_MAX, 3)).toEqual(woken().after(last - RECENT_MAX, 3));
    expect(reads).toEqual([]);
    expect(log.after(last - RECENT_MAX - 1, 3)).toEqual(woken().after(last - RECENT_MAX - 1, 3));
    expect(reads).toHaveLength(1);

    // Forgotten (the purge deleted the storage): nothing is served from memory any more.
    log.forget();
    reads.length = 0;
    expect(log.after(last - 2, 3)).toEqual(woken().after(last - 2, 3));
    expect(reads.length).toBeGreaterThan(0);
  });
});
