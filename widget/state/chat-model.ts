import { batch, computed, signal } from "@preact/signals";
import type { AgentRef, ConversationStatus, Message, ReadCursors, ServerFrame, ServerFrameOf, SessionInfo, UnreadReplies } from "@parley/protocol";

/** How long a "typing" from the other side lasts without being repeated (lost `false` frames). */
const TYPING_STALE_MS = 8000;

export interface TypingPerson {
  name: string;
  senderType: Message["sender_type"];
}

const bySeq = (a: Message, b: Message): number => a.seq - b.seq;

/**
 * One conversation as the server told it: only server frames change it, so every tab that
 * applies the same frames shows the same thing. Messages are unique by id and ordered by `seq`.
 */
export class ChatModel {
  readonly session = signal<SessionInfo | null>(null);
  readonly messages = signal<readonly Message[]>([]);
  readonly status = signal<ConversationStatus>("bot");
  readonly agent = signal<AgentRef | null>(null);
  readonly read = signal<ReadCursors>({ user: 0, agent: 0 });
  readonly typing = signal<TypingPerson | null>(null);
  readonly loadingOlder = signal(false);

  readonly loaded = computed(() => this.session.value !== null);
  readonly lastSeq = computed(() => this.messages.value.at(-1)?.seq ?? 0);
  /** Seqs have no gaps and start at 1, so anything above 1 at the top means older ones exist. */
  readonly canLoadOlder = computed(() => (this.messages.value[0]?.seq ?? 1) > 1);
  readonly clientIds = computed(() => new Set(this.messages.value.flatMap((m) => (m.client_msg_id ? [m.client_msg_id] : []))));
  /** Answers from agents and the bot the visitor has not read yet, as session init counts them. */
  readonly unread = computed((): UnreadReplies => {
    const replies = this.messages.value.filter((m) => (m.sender_type === "agent" || m.sender_type === "bot") && m.seq > this.read.value.user);
    return { count: replies.length, latest: replies.at(-1) ?? null };
  });

  private typingTimer: ReturnType<typeof setTimeout> | undefined;

  /** Applies one server frame; returns the messages it added (already known ones are skipped). */
  apply(frame: ServerFrame): Message[] {
    switch (frame.type) {
      case "hello":
        return batch(() => {
          this.session.value = frame.session;
          this.status.value = frame.session.status;
          this.agent.value = frame.agent;
          this.advanceRead(frame.read.user, frame.read.agent);
          return this.merge(frame.messages);
        });
      case "message":
        if (frame.message.sender_type === this.typing.value?.senderType) this.setTyping(null);
        return this.merge([frame.message]);
      case "older":
        return batch(() => {
          this.loadingOlder.value = false;
          return this.merge(frame.messages);
        });
      case "status":
        batch(() => {
          this.status.value = frame.status;
          this.agent.value = frame.agent;
        });
        return [];
      case "read":
        if (frame.sender_type === "user") this.advanceRead(frame.seq, 0);
        else if (frame.sender_type === "agent") this.advanceRead(0, frame.seq);
        return [];
      case "typing":
        if (frame.sender_type !== "user") this.setTyping(frame.is_typing ? { name: frame.sender_name, senderType: frame.sender_type } : null);
        return [];
      default:
        return [];
    }
  }

  /** Everything this tab knows, as the `hello` a tab that just joined would need. */
  snapshot(): ServerFrameOf<"hello"> | null {
    const session = this.session.value;
    if (!session) return null;
    return {
      type: "hello",
      session: { ...session, status: this.status.value },
      messages: [...this.messages.value],
      last_seq: this.lastSeq.value,
      has_more: this.canLoadOlder.value,
      agent: this.agent.value,
      online: 1,
      read: this.read.value,
    };
  }

  private merge(incoming: readonly Message[]): Message[] {
    const known = new Set(this.messages.value.map((m) => m.id));
    const added = incoming.filter((m) => !known.has(m.id) && known.add(m.id));
    if (added.length > 0) this.messages.value = [...this.messages.value, ...added].sort(bySeq);
    return added;
  }

  private advanceRead(user: number, agent: number): void {
    const current = this.read.value;
    if (user <= current.user && agent <= current.agent) return;
    this.read.value = { user: Math.max(current.user, user), agent: Math.max(current.agent, agent) };
  }

  private setTyping(person: TypingPerson | null): void {
    clearTimeout(this.typingTimer);
    this.typing.value = person;
    if (person) this.typingTimer = setTimeout(() => (this.typing.value = null), TYPING_STALE_MS);
  }
}
