import { signal } from "@preact/signals";
import type { ClientFrame } from "@parley/protocol";
import { CLIENT_MSG_ID_MAX } from "@parley/protocol/limits";
import { randomId } from "../shared/random-id";
import { plainJson, readText, writeText } from "../shared/storage";

/** Why an item failed when what storage held did not read back as an outbox item. */
export const UNREADABLE = "unreadable";

/** How many layers of JSON-in-a-string are undone: pages' `toJSON` patches stored lists that way. */
const MAX_ENCODINGS = 3;

const CLIENT_MSG_ID = new RegExp(`^[A-Za-z0-9_.:-]{1,${CLIENT_MSG_ID_MAX}}$`);

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
 * site sees them; written by `plainJson` and read by `readOutbox`, so a page's patched built-ins
 * neither change what is stored nor lose what was. An item leaves only when the server's echo
 * (same `client_msg_id`) arrives, so retrying is always safe: the server never stores one
 * `client_msg_id` twice.
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
    const item: OutboxItem = { client_msg_id: `w-${randomId(3)}`, content, created_at: Date.now() };
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

  /**
   * Storage is the truth shared by the tabs (without storage, this page's memory is). What does not
   * read back as items is kept as failed items and written back in the plain format at once, so
   * their ids stay the same on the next read.
   */
  private load(): OutboxItem[] {
    const text = readText(this.key);
    if (text === null) return [];
    const { items, plain } = readOutbox(text);
    if (!plain) writeText(this.key, plainJson(items));
    return items;
  }

  /** An empty list is written too (not removed), so "empty" never reads as "no storage". */
  private save(items: OutboxItem[]): void {
    writeText(this.key, plainJson(items));
    this.items.value = items;
  }
}

const withoutFailure = ({ failed: _failed, ...item }: OutboxItem): OutboxItem => item;

/**
 * The items in a stored outbox. Nothing is dropped: JSON stored as a string of JSON is unwrapped,
 * an entry that is not an item becomes a failed item showing what could be read of it, and text
 * that is not an outbox at all becomes one failed item showing that text. `plain` says the text was
 * already a list of valid items.
 */
export function readOutbox(text: string): { items: OutboxItem[]; plain: boolean } {
  if (!text.trim()) return { items: [], plain: false };
  let value: unknown = text;
  let encodings = 0;
  for (; encodings < MAX_ENCODINGS && typeof value === "string"; encodings++) {
    try {
      value = JSON.parse(value);
    } catch {
      break;
    }
  }
  if (!Array.isArray(value)) return { items: [unreadable(text)], plain: false };
  let plain = encodings === 1;
  const items = value.map((entry: unknown) => {
    const item = asItem(entry);
    if (item) return item;
    plain = false;
    return unreadable(entry);
  });
  return { items, plain };
}

/** An entry with every field an item needs, copied field by field (nothing else is kept). */
function asItem(entry: unknown): OutboxItem | null {
  if (!entry || typeof entry !== "object") return null;
  const { client_msg_id, content, faq_id, created_at, failed } = entry as Record<string, unknown>;
  if (typeof client_msg_id !== "string" || !CLIENT_MSG_ID.test(client_msg_id) || typeof content !== "string") return null;
  if (typeof created_at !== "number" || !Number.isFinite(created_at)) return null;
  if ((faq_id !== undefined && typeof faq_id !== "string") || (failed !== undefined && typeof failed !== "string")) return null;
  const item: OutboxItem = { client_msg_id, content, created_at };
  if (faq_id) item.faq_id = faq_id;
  if (failed) item.failed = failed;
  return item;
}

/**
 * A failed item for an entry that is not an item: its text if it has one (else the entry as
 * stored), and its id if that is usable, so the server's echo still confirms it.
 */
function unreadable(entry: unknown): OutboxItem {
  const fields = entry && typeof entry === "object" ? (entry as Record<string, unknown>) : {};
  const { client_msg_id: id, content, created_at: at } = fields;
  return {
    client_msg_id: typeof id === "string" && CLIENT_MSG_ID.test(id) ? id : `w-${randomId(3)}`,
    content: typeof entry === "string" ? entry : typeof content === "string" ? content : plainJson(entry),
    created_at: typeof at === "number" && Number.isFinite(at) ? at : Date.now(),
    failed: UNREADABLE,
  };
}

/** The socket frame that delivers an item. */
export function frameOf(item: OutboxItem): ClientFrame {
  return item.faq_id
    ? { type: "faq", faq_id: item.faq_id, client_msg_id: item.client_msg_id }
    : { type: "message", client_msg_id: item.client_msg_id, content: item.content };
}
