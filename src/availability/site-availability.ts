import type { Availability, BusinessHours } from "../protocol";
import { isOpenAt, nextOpeningAfter } from "./business-hours";

/** What decides a site's availability (SPEC §12): its settings and the workspace's presence record. */
export interface AvailabilityInputs {
  businessHours: BusinessHours | null;
  onlyWhenAgentsOnline: boolean;
  /** The lobby's presence record: an active agent has a dashboard open and is not away. */
  agentsAvailable: boolean;
}

/**
 * A site's availability at `now` (ms since the epoch), without `hidden`, which also depends on the
 * visitor. `next_open_at` is given only when business hours are why the site is unavailable.
 */
export function siteAvailability(inputs: AvailabilityInputs, now: number): Omit<Availability, "hidden"> {
  const { businessHours, onlyWhenAgentsOnline, agentsAvailable } = inputs;
  const inHours = businessHours === null || isOpenAt(businessHours, now);
  const available = inHours && (!onlyWhenAgentsOnline || agentsAvailable);
  const nextOpen = businessHours && !inHours ? nextOpeningAfter(businessHours, now) : null;
  return {
    available,
    ...(nextOpen === null ? {} : { next_open_at: new Date(nextOpen).toISOString() }),
    agents_online: agentsAvailable,
  };
}
