import { decodeCursor, encodeCursor } from "../../lib/keyset-cursor";
import type { SessionFilter } from "../../protocol";
import { LIST_TIERS, type ListPosition, type ListTier } from "./customer-store";

/** The tiers of the live list each filter shows, in order (SPEC §7 "list all sessions with filters"). */
export const TIERS_OF: Record<SessionFilter, readonly ListTier[]> = {
  open: ["waiting", "mine", "others"],
  waiting: ["waiting"],
  mine: ["mine"],
  bot: ["bot"],
};

export function encodeListCursor(position: ListPosition): string {
  return encodeCursor([position.tier, position.key, position.id]);
}

/** The position a cursor names; undefined for anything this lobby did not give out. */
export function decodeListCursor(cursor: string): ListPosition | undefined {
  const [tier, key, id] = decodeCursor(cursor) ?? [];
  const known = (LIST_TIERS as readonly unknown[]).includes(tier);
  return known && typeof key === "number" && typeof id === "string" ? { tier: tier as ListTier, key, id } : undefined;
}
