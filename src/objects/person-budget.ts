import { fullBucket, takeToken, type Bucket, type BucketLimits } from "../lib/rate-bucket";

const PREFIX = "budget:";

/**
 * What one person may spend in one object (SPEC §10): a token bucket per person in the object's
 * storage, so all their sockets, tabs and REST calls draw on the same budget and hibernation
 * forgets nothing. ChatSession keys it per conversation (it is one); AgentLobby per workspace.
 */
export class PersonBudget {
  constructor(
    private readonly kv: SyncKvStorage,
    private readonly limits: BucketLimits,
  ) {}

  /** Takes one token for `personId` at `now` (ms); false when none is left. */
  spend(personId: string, now: number): boolean {
    const key = `${PREFIX}${personId}`;
    const spent = takeToken(this.kv.get<Bucket>(key) ?? fullBucket(this.limits, now), this.limits, now);
    this.kv.put(key, spent.bucket);
    return spent.allowed;
  }
}
