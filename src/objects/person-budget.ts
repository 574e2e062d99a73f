import { fullBucket, takeToken, tokensAt, type Bucket, type BucketLimits } from "../lib/rate-bucket";

const PREFIX = "budget:";

/**
 * What a budget pays for: what people send (frames and writes), or what they read over REST
 * (history, polling). Each has a bucket of the same size, so a read flood never blocks writing.
 */
export type BudgetKind = "sends" | "reads";

/**
 * What one person may spend in one object (SPEC §10): a token bucket per person, so all their
 * sockets, tabs and REST calls draw on the same budget. ChatSession keys it per conversation (it
 * is one); AgentLobby per workspace.
 *
 * The bucket is kept in the instance and written to storage only once it runs low (under half
 * the burst, or refusing): a person chatting at a human pace costs no storage write per message,
 * where every message used to pay one (a row written, billed, and on the message path the one
 * write of the event besides the log's). What a woken instance reads is then the bucket as last
 * stored, or a full one: never fewer tokens than the instance that slept had, at most half a
 * burst more. With SPEC §10's defaults (30, 5/s) a bucket idle for 3 s is past half again, and
 * an object hibernates only after seconds without events, so hibernation loses nothing that
 * matters; an eviction (a deploy) may grant a person up to 15 messages more, once.
 */
export class PersonBudget {
  /** Buckets as this instance last left them, by storage key. */
  private readonly held = new Map<string, Bucket>();

  constructor(
    private readonly kv: SyncKvStorage,
    private readonly limits: BucketLimits,
  ) {}

  /**
   * Takes one token of `kind` for `personId` at `now` (ms). "refused" when none is left; "flooding" when
   * the person has gone on sending through a whole burst of refusals, and the socket that keeps
   * doing so is closed rather than answered again and again.
   */
  spend(personId: string, now: number, kind: BudgetKind = "sends"): "allowed" | "refused" | "flooding" {
    const key = keyOf(personId, kind);
    const spent = takeToken(this.bucket(key, now), this.limits, now);
    this.held.set(key, spent.bucket);
    if (!spent.allowed || spent.bucket.tokens < this.limits.burst / 2) this.kv.put(key, spent.bucket);
    if (spent.allowed) return "allowed";
    return this.flooded(spent.bucket) ? "flooding" : "refused";
  }

  /**
   * How long `personId` is still cooling down from a flood (ms): they flooded (their socket was
   * closed as `flooding`) and their bucket has not refilled to half the burst since (3 s at most
   * with SPEC §10's defaults); 0 when they are not. Their new sockets are refused meanwhile: a
   * flooder who reopens tabs as fast as they close would otherwise cost the object a greeting,
   * presence to everyone and a close for every reconnect, each paid before the first frame is
   * refused. Spends nothing and writes nothing.
   */
  coolingDownMs(personId: string, now: number): number {
    const bucket = this.bucket(keyOf(personId, "sends"), now);
    if (!this.flooded(bucket)) return 0;
    const missing = this.limits.burst / 2 - tokensAt(bucket, this.limits, now);
    return missing > 0 ? Math.ceil((missing / this.limits.perSecond) * 1000) : 0;
  }

  private bucket(key: string, now: number): Bucket {
    return this.held.get(key) ?? this.kv.get<Bucket>(key) ?? fullBucket(this.limits, now);
  }

  private flooded(bucket: Bucket): boolean {
    return (bucket.refused ?? 0) > this.limits.burst;
  }
}

function keyOf(personId: string, kind: BudgetKind): string {
  return `${PREFIX}${kind}:${personId}`;
}
