import type { TeamChat } from "@parley/protocol";
import { directPartner, presenceOfAgent } from "../../state/team-chat/members";
import { Avatar } from "../avatar/Avatar";

/** A direct chat shows the teammate with their status dot; a group, people on its own colour. */
export function ChatAvatar({ chat, meId }: { chat: TeamChat; meId: string }) {
  const partner = directPartner(chat, meId);
  if (partner) return <Avatar id={partner.id} name={partner.name} kind="agent" presence={presenceOfAgent(partner.id)} />;
  return <Avatar id={chat.id} name={chat.title} kind="group" />;
}
