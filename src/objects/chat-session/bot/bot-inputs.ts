import { database } from "../../../db/client";
import { findSite, listFaqs } from "../../../db/queries/sites";
import type { FaqRow, SiteRow } from "../../../db/queries/sites";
import { indexFaqs, type FaqIndex } from "./faq-ranking";

/**
 * How long a conversation's bot reuses the FAQs and site it read from D1 (ms). An admin's edit
 * reaches conversations already talking to the bot within this time; new ones read it at once.
 */
export const BOT_INPUTS_TTL_MS = 15_000;

export interface BotInputsRead {
  /** The site's FAQs, indexed for ranking once per read. */
  faqs: FaqIndex<FaqRow>;
  site: SiteRow | undefined;
}

/**
 * What the bot answers from (SPEC §4.4), read from D1 at most once per `BOT_INPUTS_TTL_MS` per
 * conversation instead of with every visitor message. Memory only: a copy of D1 that hibernation
 * may drop, after which the next message reads it again.
 */
export class BotInputs {
  private cached: (BotInputsRead & { siteId: string; readAt: number }) | null = null;

  constructor(private readonly env: Env) {}

  async of(siteId: string, now = Date.now()): Promise<BotInputsRead> {
    const cached = this.cached;
    if (cached && cached.siteId === siteId && now - cached.readAt < BOT_INPUTS_TTL_MS) return cached;
    const db = database(this.env.DB);
    const [faqs, site] = await Promise.all([listFaqs(db, siteId), findSite(db, siteId)]);
    this.cached = { siteId, readAt: now, faqs: indexFaqs(faqs), site };
    return this.cached;
  }
}
