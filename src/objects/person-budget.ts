import { fullBucket, takeToken, type Bucket, type BucketLimits } from "../lib/rate-bucket";
import { CachedKv } from "./cached-kv";

const PREFIX = "budget:";

/**
 * What a budget pays for: what people send (frames and writes), or what they read over REST
 * (history, polling). Each has a bucket of the same size, so a read flood never blocks writing.
 */
export type BudgetKind = "sends" | "reads";

/**
 * What one person may spend in one object (SPEC §10): a token bucket per person in the object's
 * storage, so all their sockets, tabs and REST calls draw on the same budget and hibernation
 * forgets nothing. ChatSession keys it per conversation (it is one); AgentLobby per workspace.
 */
export class PersonBudget {
  /** Read through a write-through copy: every frame spends, so every frame would read its bucket. */
  private readonly kv: CachedKv;

  constructor(
    kv: SyncKvStorage,
    private readonly limits: BucketLimits,
  ) {
    this.kv = new CachedKv(kv);
  }

  /**
   * Takes one token of `kind` for `personId` at `now` (ms). "refused" when none is left; "flooding" when
   * the person has gone on sending through a whole burst of refusals, and the socket that keeps
   * doing so is closed rather than answered again and again.
   */
  spend(personId: string, now: number, kind: BudgetKind = "sends"): "allowed" | "refused" | "flooding" {
    const key = `${PREFIX}${kind}:${personId}`;
    const spent = takeToken(this.kv.get<Bucket>(key) ?? fullBucket(this.limits, now), this.limits, now);
    this.kv.put(key, spent.bucket);
    if (spent.allowed) return "allowed";
    return (spent.bucket.refused ?? 0) > this.limits.burst ? "flooding" : "refused";
  }
}
