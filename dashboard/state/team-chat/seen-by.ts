import type { Message, TeamChat } from "@parley/protocol";
import type { Receipt } from "../conversation/message-room";

/** Past this many, the rest are counted: the receipt must stay one line. */
const NAMED_MAX = 3;

const NAME_LIST = new Intl.ListFormat("en", { type: "conjunction" });

/**
 * The receipt under the agent's latest message that a colleague has read: "Seen" in a direct
 * chat, "Seen by Ada and Bo" in a group ("Seen by everyone" once all have), from the members'
 * read cursors (the room's `hello.member_reads` and `read {agent_id}` frames).
 */
export function seenBy(chat: TeamChat, messages: readonly Message[], reads: Readonly<Record<string, number>>, meId: string): Receipt | null {
  const others = chat.members.filter((member) => member.id !== meId);
  const readAny = (seq: number) => others.some((member) => (reads[member.id] ?? 0) >= seq);
  const mine = messages.findLast((m) => m.sender_type === "agent" && m.sender_id === meId && readAny(m.seq));
  if (!mine) return null;
  const readers = others.filter((member) => (reads[member.id] ?? 0) >= mine.seq).map((member) => member.name);
  if (chat.kind === "direct") return { seq: mine.seq, label: "Seen" };
  if (readers.length === others.length && others.length > 1) return { seq: mine.seq, label: "Seen by everyone" };
  const named = readers.length > NAMED_MAX ? [...readers.slice(0, NAMED_MAX - 1), `${readers.length - NAMED_MAX + 1} others`] : readers;
  return { seq: mine.seq, label: `Seen by ${NAME_LIST.format(named)}` };
}
