import { runInDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { expect, it } from "vitest";
import { CachedKv } from "../../src/objects/cached-kv";
import { countedKv } from "./counted-kv";

/**
 * The stores' write-through copy (src/objects/cached-kv.ts) over a real object's storage, with
 * the storage's writes counted: a flag or cursor set again to what it holds costs no write, and
 * everything else still reaches storage.
 */
it("writes a primitive only when it changes what the key holds, and every object and delete", async () => {
  const stub = env.CHAT_SESSION.get(env.CHAT_SESSION.idFromName("cached-kv"));
  await runInDurableObject(stub, (_, state) => {
    const storage = state.storage.kv;
    const { kv: counted, writes } = countedKv(storage);
    storage.put("stored", 7);
    const kv = new CachedKv(counted);

    kv.put("flag", true);
    kv.put("flag", true);
    kv.put("seq", 3);
    kv.put("seq", 3);
    kv.put("seq", 4);
    kv.put("state", { version: 1 });
    kv.put("state", { version: 1 });
    // A value never read by this copy is written, whatever storage holds.
    kv.put("stored", 7);
    kv.delete("flag");
    kv.put("flag", true);

    expect(writes).toEqual(["flag", "seq", "seq", "state", "state", "stored", "-flag", "flag"]);
    expect([storage.get("flag"), storage.get("seq"), storage.get("state"), storage.get("stored")]).toEqual([true, 4, { version: 1 }, 7]);
  });
});
