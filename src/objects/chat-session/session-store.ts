import type { ReadCursors } from "../../protocol";
import type { Bucket } from "../../lib/rate-bucket";
import { INITIAL_STATE, type ConversationRef, type ConversationState } from "../contracts";

/**
 * Everything the session needs between events, in the object's synchronous KV storage, so a
 * hibernated or evicted object wakes up knowing exactly what it knew.
 */
export class SessionStore {
  constructor(private readonly kv: SyncKvStorage) {}

  ref(): ConversationRef | undefined {
    return this.kv.get<ConversationRef>("ref");
  }

  /** Keeps the newest description from the worker (names and settings may have changed). */
  rememberRef(ref: ConversationRef): void {
    const current = this.ref();
    if (!current || JSON.stringify(current) !== JSON.stringify(ref)) this.kv.put("ref", ref);
  }

  state(): ConversationState {
    return this.kv.get<ConversationState>("state") ?? INITIAL_STATE;
  }

  /** Stores a state only when it is newer than the one held; returns whether it was. */
  adoptState(state: ConversationState): boolean {
    if (state.version <= this.state().version) return false;
    this.kv.put("state", state);
    return true;
  }

  /**
   * Records the state a request will most likely lead to, before the lobby answers, so turns that
   * run meanwhile see it. It keeps the old version: the lobby's answer always replaces it.
   */
  assume(state: ConversationState): void {
    this.kv.put("state", { ...state, version: this.state().version });
  }

  readCursors(): ReadCursors {
    return this.kv.get<ReadCursors>("read") ?? { user: 0, agent: 0 };
  }

  /** Moves one side's cursor forward only; returns whether it moved. */
  advanceReadCursor(side: keyof ReadCursors, seq: number): boolean {
    const cursors = this.readCursors();
    if (seq <= cursors[side]) return false;
    this.kv.put("read", { ...cursors, [side]: seq });
    return true;
  }

  lastActivityAt(): number | undefined {
    return this.kv.get<number>("last_activity_at");
  }

  touch(now: number): void {
    this.kv.put("last_activity_at", now);
  }

  /** Rate bucket of a REST caller (socket callers keep theirs in the socket attachment). */
  bucket(principalId: string): Bucket | undefined {
    return this.kv.get<Bucket>(`bucket:${principalId}`);
  }

  saveBucket(principalId: string, bucket: Bucket): void {
    this.kv.put(`bucket:${principalId}`, bucket);
  }
}
