import { computed, signal } from "@preact/signals";
import type { AgentRef, Message, ServerFrame, ServerFrameOf, TeamChat } from "@parley/protocol";
import { CLOSE_REASONS } from "@parley/protocol/close-codes";
import { HttpError, requestJson } from "../../lib/http";
import type { Receipt } from "../conversation/message-room";
import { RoomSession } from "../conversation/room-session";
import { dropTeamChat, teamChatById, upsertTeamChat } from "./chat-list";
import { seenBy } from "./seen-by";

/**
 * One team chat on screen (SPEC §4.10): the room (`RoomSession`, members only) with who is here
 * and each member's read cursor for "Seen by". The chat itself (title, members) is the list's.
 */
export class TeamRoom extends RoomSession {
  readonly kind = "team";
  /** The members with the chat open now, from the room's presence. */
  readonly present = signal<AgentRef[]>([]);
  /** Each member's read cursor, by agent id. */
  readonly memberReads = signal<Record<string, number>>({});
  /** The chat as the list has it; fetched when the list does not (a link to a hidden chat). */
  readonly chat = computed<TeamChat | null>(() => teamChatById(this.chatId) ?? this.fetched.value);
  readonly receipt = computed<Receipt | null>(() => {
    const chat = this.chat.value;
    return chat ? seenBy(chat, this.messages.value, this.memberReads.value, this.meId) : null;
  });

  private readonly fetched = signal<TeamChat | null>(null);

  constructor(
    readonly chatId: string,
    meId: string,
  ) {
    super(chatId, meId, {
      stillReachable: () => this.loadChat(),
      tooManyTabs: "You have this chat open in too many tabs. Close one of them, then reload this page.",
      onNotMember: (reason) => {
        this.problem.value = reason === CLOSE_REASONS.chatDeleted ? "This group was deleted." : "You are no longer a member of this group.";
        dropTeamChat(chatId);
      },
    });
    this.start();
    if (!teamChatById(chatId)) void this.loadChat();
  }

  /** Reads the chat over REST; answers whether it can still be opened at all. */
  private async loadChat(): Promise<boolean> {
    try {
      const chat = await requestJson<TeamChat>(`/api/team/chats/${encodeURIComponent(this.chatId)}`);
      this.fetched.value = chat;
      if (teamChatById(chat.id)) upsertTeamChat(chat);
      return true;
    } catch (error) {
      const status = error instanceof HttpError ? error.status : 0;
      if (status === 404) this.problem.value = "This chat does not exist, or you are not a member of it.";
      return status !== 404 && status !== 401 && status !== 403;
    }
  }

  protected linkLost(): void {
    this.present.value = [];
  }

  protected onHello(frame: ServerFrameOf<"hello">): void {
    this.present.value = frame.agents ?? [];
    this.memberReads.value = frame.member_reads ?? {};
  }

  protected onRoomFrame(frame: ServerFrame): void {
    if (frame.type === "presence") this.present.value = frame.agents ?? [];
    else if (frame.type === "read") this.onRead(frame);
  }

  protected endsTyping(message: Message): boolean {
    return message.sender_type === "agent" && message.sender_id !== this.meId;
  }

  /** A member's cursor moved (a cursor never moves back). */
  private onRead({ agent_id: agentId, seq }: ServerFrameOf<"read">): void {
    if (!agentId) return;
    const reads = this.memberReads.value;
    this.memberReads.value = { ...reads, [agentId]: Math.max(reads[agentId] ?? 0, seq) };
  }
}
