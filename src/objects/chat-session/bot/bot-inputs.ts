import { database } from "../../../db/client";
import { findSite, listFaqs } from "../../../db/queries/sites";
import type { FaqRow, SiteRow } from "../../../db/queries/sites";
import { indexFaqs, type FaqIndex } from "./faq-ranking";

/**
 * How long a read of a site's FAQs serves its conversations (ms). An admin's edit reaches
 * conversations already talking to the bot within this time (plus `BOT_INPUTS_REFRESH_MS` while
 * another of them reads again); conversations that start after the edit read it at once.
 */
export const BOT_INPUTS_TTL_MS = 15_000;

/**
 * How long the other conversations of a site keep using an expired read while one of them reads
 * again (ms); past it, the next to ask reads too, in case that read never ends.
 */
export const BOT_INPUTS_REFRESH_MS = 5_000;

/** Sites whose read one isolate keeps at most; past it, the oldest read is dropped. */
export const BOT_INPUTS_SITES_MAX = 1_000;

export interface BotInputsRead {
  /** The site's FAQs, indexed for ranking once per read. */
  faqs: FaqIndex<FaqRow>;
  site: SiteRow | undefined;
}

interface SiteRead {
  /** When the read began (ms): it holds every edit made before then. */
  readAt: number;
  inputs: BotInputsRead;
}

/**
 * What the bot answers from (SPEC §4.4): a site's FAQs and settings, read from D1 once per
 * `BOT_INPUTS_TTL_MS` for all the site's conversations this isolate runs, not per conversation
 * (two hundred busy conversations of one site made 26 D1 reads a second). Only finished reads are
 * shared: each conversation is its own request context, and one awaiting a read another started
 * would be cancelled with it. Memory only: a copy of D1 that hibernation may drop, after which the
 * next message reads it again.
 */
export class BotInputs {
  private readonly reads = new Map<string, SiteRead>();
  /** Sites being read again, since when (ms). */
  private readonly refreshing = new Map<string, number>();

  constructor(
    private readonly env: Env,
    private readonly sitesMax = BOT_INPUTS_SITES_MAX,
  ) {}

  /**
   * The inputs of `siteId` for a conversation that began at `since` (ms): a read that began at
   * or after `since`, less than `BOT_INPUTS_TTL_MS` before `now`, else a new one. While one
   * conversation reads again, the others keep the expired read, for `BOT_INPUTS_REFRESH_MS` at
   * most. A failed read rejects and changes nothing.
   */
  async of(siteId: string, since: number, now = Date.now()): Promise<BotInputsRead> {
    const kept = this.reads.get(siteId);
    const usable = kept !== undefined && kept.readAt >= since;
    if (usable && now - kept.readAt < BOT_INPUTS_TTL_MS) return kept.inputs;
    const refreshing = this.refreshing.get(siteId);
    if (usable && refreshing !== undefined && now - refreshing < BOT_INPUTS_REFRESH_MS) return kept.inputs;
    this.refreshing.set(siteId, now);
    try {
      const inputs = await this.read(siteId);
      this.keep(siteId, { readAt: now, inputs });
      return inputs;
    } finally {
      if (this.refreshing.get(siteId) === now) this.refreshing.delete(siteId);
    }
  }

  /** Keeps `read` unless a read that began later is kept already. */
  private keep(siteId: string, read: SiteRead): void {
    const kept = this.reads.get(siteId);
    if (kept && kept.readAt > read.readAt) return;
    this.reads.delete(siteId);
    const oldest = this.reads.size >= this.sitesMax ? this.reads.keys().next().value : undefined;
    if (oldest !== undefined) this.reads.delete(oldest);
    this.reads.set(siteId, read);
  }

  private async read(siteId: string): Promise<BotInputsRead> {
    const db = database(this.env.DB);
    const [faqs, site] = await Promise.all([listFaqs(db, siteId), findSite(db, siteId)]);
    return { faqs: indexFaqs(faqs), site };
  }
}

const shared = new WeakMap<D1Database, BotInputs>();

/** The isolate's one `BotInputs` for a D1 binding, shared by every conversation it runs. */
export function botInputsOf(env: Env): BotInputs {
  let inputs = shared.get(env.DB);
  if (!inputs) {
    inputs = new BotInputs(env);
    shared.set(env.DB, inputs);
  }
  return inputs;
}
