import { signal } from "@preact/signals";
import type { ClientFrame } from "@parley/protocol";
import { randomId } from "../shared/random-id";
import { readStored, writeStored } from "../shared/storage";

/** Something the visitor sent that the server has not echoed yet. */
export interface OutboxItem {
  client_msg_id: string;
  /** What the visitor sees while it is on its way: their text, or the FAQ question they clicked. */
  content: string;
  faq_id?: string;
  created_at: number;
  /** Set when the server refused it for good (too long, empty…); the visitor may retry or remove. */
  failed?: string;
}

/**
 * The visitor's unconfirmed sends, in localStorage so they survive reloads and every tab of the
 * site sees them. An item leaves only when the server's echo (same `client_msg_id`) arrives, so
 * retrying is always safe: the server never stores one `client_msg_id` twice.
 */
export class Outbox {
  readonly items = signal<readonly OutboxItem[]>([]);
  private readonly onStorage = (event: StorageEvent): void => {
    if (event.key !== this.key) return;
    this.items.value = this.load();
    this.onForeignChange();
  };

  /** `onForeignChange`: another tab changed the outbox (tabs see each other's writes late). */
  constructor(
    private readonly key: string,
    private readonly onForeignChange: () => void,
  ) {
    this.items.value = this.load();
    addEventListener("storage", this.onStorage);
  }

  add(content: string, faqId?: string): OutboxItem {
    const item: OutboxItem = { client_msg_id: `w-${randomId(12)}`, content, created_at: Date.now() };
    if (faqId) item.faq_id = faqId;
    this.save([...this.load(), item]);
    return item;
  }

  /** Items still to send, read fresh from storage (another tab may have added some). */
  pending(): OutboxItem[] {
    return this.load().filter((item) => !item.failed);
  }

  /** The server has these: drop them. */
  confirm(clientMsgIds: ReadonlySet<string>): void {
    const stored = this.load();
    if (stored.some((item) => clientMsgIds.has(item.client_msg_id))) {
      this.save(stored.filter((item) => !clientMsgIds.has(item.client_msg_id)));
    }
  }

  fail(clientMsgId: string, code: string): void {
    this.save(this.load().map((item) => (item.client_msg_id === clientMsgId ? { ...item, failed: code } : item)));
  }

  retry(clientMsgId: string): OutboxItem | null {
    const items = this.load().map((item) => (item.client_msg_id === clientMsgId ? withoutFailure(item) : item));
    this.save(items);
    return items.find((item) => item.client_msg_id === clientMsgId) ?? null;
  }

  remove(clientMsgId: string): void {
    this.save(this.load().filter((item) => item.client_msg_id !== clientMsgId));
  }

  dispose(): void {
    removeEventListener("storage", this.onStorage);
  }

  /** Storage is the truth shared by the tabs; without storage, this tab's own list is. */
  private load(): OutboxItem[] {
    const stored = readStored<OutboxItem[]>(this.key);
    return Array.isArray(stored) ? stored : this.items.peek().slice();
  }

  /** An empty list is written too (not removed), so "empty" never reads as "no storage". */
  private save(items: OutboxItem[]): void {
    writeStored(this.key, items);
    this.items.value = items;
  }
}

const withoutFailure = ({ failed: _failed, ...item }: OutboxItem): OutboxItem => item;

/** The socket frame that delivers an item. */
export function frameOf(item: OutboxItem): ClientFrame {
  return item.faq_id
    ? { type: "faq", faq_id: item.faq_id, client_msg_id: item.client_msg_id }
    : { type: "message", client_msg_id: item.client_msg_id, content: item.content };
}
