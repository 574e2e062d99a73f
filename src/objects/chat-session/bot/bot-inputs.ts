import { database } from "../../../db/client";
import { findSite, listFaqs } from "../../../db/queries/sites";
import type { FaqRow, SiteRow } from "../../../db/queries/sites";
import { indexFaqs, type FaqIndex } from "./faq-ranking";

/**
 * How long a read of a site's FAQs serves its conversations (ms). An admin's edit reaches
 * conversations already talking to the bot within this time; conversations that start after the
 * edit read it at once.
 */
export const BOT_INPUTS_TTL_MS = 15_000;

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
  read: Promise<BotInputsRead>;
}

/**
 * What the bot answers from (SPEC §4.4): a site's FAQs and settings, read from D1 once per
 * `BOT_INPUTS_TTL_MS` for all the site's conversations this isolate runs, not per conversation
 * (two hundred busy conversations of one site made thirteen D1 reads a second). Memory only: a
 * copy of D1 that hibernation may drop, after which the next message reads it again.
 */
export class BotInputs {
  private readonly reads = new Map<string, SiteRead>();

  constructor(
    private readonly env: Env,
    private readonly sitesMax = BOT_INPUTS_SITES_MAX,
  ) {}

  /**
   * The inputs of `siteId` for a conversation that began at `since` (ms): a read that began at
   * or after `since`, less than `BOT_INPUTS_TTL_MS` before `now`, else a new one. Conversations
   * asking while a read is under way share it. A failed read rejects, and is not kept.
   */
  of(siteId: string, since: number, now = Date.now()): Promise<BotInputsRead> {
    const kept = this.reads.get(siteId);
    if (kept && kept.readAt >= since && now - kept.readAt < BOT_INPUTS_TTL_MS) return kept.read;
    const read = this.read(siteId);
    this.reads.delete(siteId);
    const oldest = this.reads.size >= this.sitesMax ? this.reads.keys().next().value : undefined;
    if (oldest !== undefined) this.reads.delete(oldest);
    this.reads.set(siteId, { readAt: now, read });
    read.catch(() => {
      if (this.reads.get(siteId)?.read === read) this.reads.delete(siteId);
    });
    return read;
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
