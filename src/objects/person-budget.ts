import { fullBucket, takeToken, tokensAt, type Bucket, type BucketLimits } from "../lib/rate-bucket";

const PREFIX = "budget:";

/**
 * What a budget pays for: what people send (frames and writes), or what they read over REST
 * (history, polling). Each has a bucket of the same size, so a read flood never blocks writing.
 */
export type BudgetKind = "sends" | "reads";

/** A person's bucket as stored: the token bucket, and until when (ms) their last flood cools down. */
interface PersonBucket extends Bucket {
  coolUntil?: number;
}

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
  private readonly held = new Map<string, PersonBucket>();

  constructor(
    private readonly kv: SyncKvStorage,
    private readonly limits: BucketLimits,
  ) {}

  /**
   * Takes one token of `kind` for `personId` at `now` (ms). "refused" when none is left; "flooding" when
   * the person has gone on sending through a whole burst of refusals, and the socket that keeps
   * doing so is closed rather than answered again and again. Flooding also starts a cool-down
   * (`coolingDownMs`) that lasts until the bucket is back at half the burst, whatever is spent
   * meanwhile.
   */
  spend(personId: string, now: number, kind: BudgetKind = "sends"): "allowed" | "refused" | "flooding" {
    const key = keyOf(personId, kind);
    const before = this.bucket(key, now);
    const spent = takeToken(before, this.limits, now);
    const flooding = !spent.allowed && (spent.bucket.refused ?? 0) > this.limits.burst;
    // takeToken forgets refusals once a token is spare; the cool-down is kept apart so that an
    // allowed REST call a moment after the flood does not end it.
    const coolUntil = flooding ? now + this.msUntilHalf(spent.bucket, now) : before.coolUntil;
    const after: PersonBucket = coolUntil !== undefined && coolUntil > now ? { ...spent.bucket, coolUntil } : spent.bucket;
    this.held.set(key, after);
    if (!spent.allowed || after.tokens < this.limits.burst / 2) this.kv.put(key, after);
    if (spent.allowed) return "allowed";
    return flooding ? "flooding" : "refused";
  }

  /**
   * How long `personId` is still cooling down from a flood (ms): they went on sending through a
   * whole burst of refusals (over sockets or REST), and their bucket has not been back at half the
   * burst since (3 s at most with SPEC §10's defaults); 0 when they are not. Their new sockets
   * are refused meanwhile: a flooder who reopens tabs as fast as they close would otherwise cost
   * the object a greeting, presence to everyone and a close for every reconnect, each paid before
   * the first frame is refused. Spends nothing and writes nothing.
   */
  coolingDownMs(personId: string, now: number): number {
    const coolUntil = this.bucket(keyOf(personId, "sends"), now).coolUntil ?? 0;
    return Math.max(0, Math.ceil(coolUntil - now));
  }

  /** The time (ms) until `bucket` holds half the burst again, refilling from `now`. */
  private msUntilHalf(bucket: Bucket, now: number): number {
    const missing = this.limits.burst / 2 - tokensAt(bucket, this.limits, now);
    return missing > 0 ? (missing / this.limits.perSecond) * 1000 : 0;
  }

  private bucket(key: string, now: number): PersonBucket {
    return this.held.get(key) ?? this.kv.get<PersonBucket>(key) ?? fullBucket(this.limits, now);
  }
}

function keyOf(personId: string, kind: BudgetKind): string {
  return `${PREFIX}${kind}:${personId}`;
}
