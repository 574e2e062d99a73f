import type { Principal } from "../../env";
import { CachedKv } from "../cached-kv";
import type { MessageLog } from "./message-log";

/** Seqs by agent id. */
type SeqByAgent = Record<string, number>;

/**
 * Each team member's own read cursor and hide mark (SPEC §4.10), kept by the chat's object, which
 * owns the log they count against; D1 holds copies for the list. Support sessions keep one cursor
 * per side instead (`SessionStore.readCursors`).
 */
export class MemberCursors {
  private readonly kv: CachedKv;

  constructor(storage: SyncKvStorage) {
    this.kv = new CachedKv(storage);
  }

  reads(): SeqByAgent {
    return this.kv.get<SeqByAgent>("member_reads") ?? {};
  }

  read(agentId: string): number {
    return this.reads()[agentId] ?? 0;
  }

  /** Moves one member's read cursor forward only; returns whether it moved. */
  advanceRead(agentId: string, seq: number): boolean {
    const reads = this.reads();
    if (seq <= (reads[agentId] ?? 0)) return false;
    this.kv.put("member_reads", { ...reads, [agentId]: seq });
    return true;
  }

  /** The last seq the member hid: nothing up to it is shown to them again. */
  hiddenThrough(agentId: string): number {
    return this.kv.get<SeqByAgent>("member_hidden")?.[agentId] ?? 0;
  }

  hide(agentId: string, seq: number): void {
    const hidden = this.kv.get<SeqByAgent>("member_hidden") ?? {};
    if (seq > (hidden[agentId] ?? 0)) this.kv.put("member_hidden", { ...hidden, [agentId]: seq });
  }

  /** Whether the member's list leaves the chat out: hidden, and nothing came after. */
  isHidden(agentId: string, lastSeq: number): boolean {
    const through = this.hiddenThrough(agentId);
    return through > 0 && lastSeq <= through;
  }

  /** The first seq a principal may see in a team chat minus one (0: everything). */
  floorOf(principal: Principal): number {
    return principal.type === "agent" ? this.hiddenThrough(principal.id) : 0;
  }

  /** Messages by others after the member's read cursor and after their hide. */
  unread(agentId: string, log: MessageLog): number {
    return log.unreadFor(agentId, Math.max(this.read(agentId), this.hiddenThrough(agentId)));
  }
}
