import { errorBody } from "../middleware/errors";
import { CLOSE_CODES, CLOSE_REASONS, SIGNED_OUT_REASONS, type SignedOutReason } from "../protocol/close-codes";
import { COOL_DOWN_HEADER, type AuthSessionRef } from "./contracts";
import type { PersonBudget } from "./person-budget";

/**
 * The hibernation plumbing both objects share (SPEC §2, §10): typed and validated attachments,
 * socket caps, safe sends, closing the way the Hibernation API requires, and the sweep that
 * closes silent and signed-out sockets. Everything it knows is read from the runtime.
 */

/**
 * The shape of attachments this code writes. A socket carrying another version was accepted by
 * an older deployment: it is closed with 1011 (`lost_identity`) and its client reconnects.
 */
export const ATTACHMENT_VERSION = 1;

/** What every socket of either object carries through hibernation, beside its own fields. */
export interface SocketMeta {
  v: typeof ATTACHMENT_VERSION;
  connectedAt: number;
  /** Last frame the object handled from this socket (ms); pings are read from the runtime. */
  lastSeenAt: number;
  /** Null for visitors, who have no sign-in to end. */
  auth: AuthSessionRef | null;
}

/** Close codes a peer may report but an endpoint must never send. */
const UNSENDABLE_CLOSE_CODES = new Set([1005, 1006, 1015]);

export const personTag = (personId: string) => `person:${personId}`;
export const authTag = (authSessionId: string) => `auth:${authSessionId}`;

export function isOpen(ws: WebSocket): boolean {
  return ws.readyState === WebSocket.OPEN;
}

/** Answers a peer's close frame; without it clients wait and then report 1006. */
export function answerClose(ws: WebSocket, code: number, reason: string): void {
  try {
    ws.close(UNSENDABLE_CLOSE_CODES.has(code) ? 1000 : code, reason);
  } catch {
    // Already closed: nothing to answer.
  }
}

/** Sends text, ignoring a socket that closed meanwhile: one dead peer must not fail a broadcast. */
export function sendText(ws: WebSocket, text: string): void {
  try {
    ws.send(text);
  } catch {
    // The socket is closing or closed; its own close event cleans up.
  }
}

/** Sends JSON, ignoring sockets that closed meanwhile: one dead peer must not fail a broadcast. */
export function sendJson(ws: WebSocket, frame: unknown): void {
  sendText(ws, JSON.stringify(frame));
}

/** Serializes once and sends to every socket but `except`. */
export function broadcastJson(sockets: WebSocket[], frame: unknown, except?: WebSocket): void {
  const text = JSON.stringify(frame);
  for (const ws of sockets) if (ws !== except) sendText(ws, text);
}

/**
 * The answer to an upgrade the object will not take (over a socket cap, or opened with a sign-in
 * that has just ended): the handshake completes, so the client sees the close code and reason
 * rather than a bare network error, and the socket closes at once without ever joining.
 */
function refusedSocket(close: { code: number; reason: string }, headers?: HeadersInit): Response {
  const { 0: client, 1: server } = new WebSocketPair();
  server.accept();
  // The client may drop the connection before its close frame comes back; that is no error here.
  server.addEventListener("error", () => undefined);
  server.close(close.code, close.reason);
  return new Response(null, { status: 101, webSocket: client, headers });
}

const TOO_MANY_SOCKETS = { code: CLOSE_CODES.tooManySockets, reason: CLOSE_REASONS.tooManySockets } as const;

/**
 * Refuses an upgrade the object will not take (SPEC §10), or returns null to take it. Opened with
 * a sign-in that has ended, or over a socket cap: the handshake completes and the socket closes at
 * once with the code that says why (`refusedSocket`). By a person still cooling down from a flood
 * (`PersonBudget.coolingDownMs`): HTTP 429 `rate_limited` with `Retry-After`, as the worker
 * answers an address over its upgrade limit, before the object greets anyone and without a
 * socket pair for the reconnect loop of a flooder to cost. `reason` is for the log line.
 */
export function refuseUpgrade<A extends SocketMeta>(
  sockets: SocketSet<A>,
  budget: PersonBudget,
  upgrade: { personId: string; auth: AuthSessionRef | null; caps: { perPerson: number; total: number } },
  headers?: HeadersInit,
): { reason: string; response: Response } | null {
  const close = sockets.endedSignIn(upgrade.auth) ?? (sockets.admits(upgrade.personId, upgrade.caps) ? null : TOO_MANY_SOCKETS);
  if (close) return { reason: close.reason, response: refusedSocket(close, headers) };
  const coolingMs = budget.coolingDownMs(upgrade.personId, Date.now());
  if (coolingMs === 0) return null;
  const response = coolingDownResponse(coolingMs);
  response.headers.set(COOL_DOWN_HEADER, String(coolingMs));
  return { reason: CLOSE_REASONS.flooding, response };
}

/**
 * The refusal of an upgrade by a person cooling down from a flood: HTTP 429 `rate_limited` with
 * `Retry-After`, the whole seconds until `remainingMs` is over.
 */
export function coolingDownResponse(remainingMs: number): Response {
  const body = errorBody("rate_limited", "Too many messages; wait a moment before reconnecting");
  return Response.json(body, { status: 429, headers: { "Retry-After": String(Math.ceil(remainingMs / 1000)) } });
}

const ENDED_PREFIX = "ended_sign_in:";

/** A sign-in that has ended, remembered until it would have expired anyway. */
interface EndedSignIn {
  reason: SignedOutReason;
  expiresAt: number;
}

export function isSocketMeta(value: unknown): value is SocketMeta {
  if (typeof value !== "object" || value === null) return false;
  const meta = value as Partial<SocketMeta>;
  const auth = meta.auth as Partial<AuthSessionRef> | null | undefined;
  return (
    meta.v === ATTACHMENT_VERSION &&
    typeof meta.connectedAt === "number" &&
    typeof meta.lastSeenAt === "number" &&
    (auth === null || (typeof auth === "object" && typeof auth.id === "string" && typeof auth.expiresAt === "number"))
  );
}

/**
 * The sockets of one object and what each carries. Subclasses add the object's own sends; the
 * rules every socket follows (caps, liveness, sign-in expiry) are written here once.
 */
export class SocketSet<A extends SocketMeta> {
  /**
   * Attachments already read, by socket: an event to a thousand dashboards reads each once per
   * instance instead of deserializing it per event (`knownAttachment`). The runtime's attachment stays the truth
   * (written on every change); a woken instance has new socket objects and reads through again.
   */
  private readonly copies = new WeakMap<WebSocket, A>();

  constructor(
    protected readonly ctx: DurableObjectState,
    private readonly isAttachment: (value: unknown) => value is A,
  ) {}

  /**
   * Whether one more socket of this person fits under both caps (SPEC §10). Counts only open
   * sockets; the upgrade asking is not one of them yet.
   */
  admits(personId: string, caps: { perPerson: number; total: number }): boolean {
    return this.sockets(personTag(personId)).length < caps.perPerson && this.sockets().length < caps.total;
  }

  /** Accepts a socket for hibernation, tagged by person, by sign-in and by `extraTags`. */
  join(ws: WebSocket, personId: string, attachment: Omit<A, "v">, extraTags: string[] = []): void {
    const tags = [personTag(personId), ...extraTags];
    if (attachment.auth) tags.push(authTag(attachment.auth.id));
    this.ctx.acceptWebSocket(ws, tags);
    this.update(ws, { ...attachment, v: ATTACHMENT_VERSION } as A);
  }

  sockets(tag?: string): WebSocket[] {
    return this.ctx.getWebSockets(tag).filter(isOpen);
  }

  socketsOf(personId: string): WebSocket[] {
    return this.sockets(personTag(personId));
  }

  /** The socket's attachment, or null when it is not one this object wrote. */
  attachment(ws: WebSocket): A | null {
    const value: unknown = ws.deserializeAttachment();
    if (!this.isAttachment(value)) return null;
    this.copies.set(ws, value);
    return value;
  }

  /**
   * The attachment as this instance last read or wrote it, read from the runtime the first time:
   * the object is the only writer of its sockets' attachments, so the copy is the runtime's own,
   * and an event to many sockets, or a frame, deserializes none.
   */
  knownAttachment(ws: WebSocket): A | null {
    return this.copies.get(ws) ?? this.attachment(ws);
  }

  update(ws: WebSocket, attachment: A): void {
    ws.serializeAttachment(attachment);
    this.copies.set(ws, attachment);
  }

  send(ws: WebSocket, frame: unknown): void {
    sendJson(ws, frame);
  }

  close(ws: WebSocket, code: number, reason: string): void {
    answerClose(ws, code, reason);
  }

  /**
   * Checks a socket before the object handles its frame: closes it when its sign-in has ended,
   * and notes the sign of life. The attachment is rewritten only once the last note is half a
   * timeout old, so a chatty socket costs no write per frame. Returns the attachment to use, or
   * null when the socket is done.
   */
  admitFrame(ws: WebSocket, now: number, timeoutMs: number): A | null {
    // Checked again like a read (a few typeof tests): admission trusts no attachment unvalidated.
    const known = this.knownAttachment(ws);
    const attachment = known && this.isAttachment(known) ? known : null;
    if (!attachment) {
      this.close(ws, CLOSE_CODES.serverError, CLOSE_REASONS.lostIdentity);
      return null;
    }
    if (attachment.auth && attachment.auth.expiresAt <= now) {
      this.close(ws, CLOSE_CODES.signedOut, SIGNED_OUT_REASONS.expired);
      return null;
    }
    if (now - attachment.lastSeenAt > timeoutMs / 2) {
      const touched = { ...attachment, lastSeenAt: now };
      this.update(ws, touched);
      return touched;
    }
    return attachment;
  }

  /** Last sign of life: a frame the object handled, or a ping the runtime answered while it slept. */
  lastSeenAt(ws: WebSocket, attachment: A | null = this.attachment(ws)): number {
    const pinged = this.ctx.getWebSocketAutoResponseTimestamp(ws)?.getTime() ?? 0;
    return Math.max(attachment?.lastSeenAt ?? 0, pinged);
  }

  /**
   * Closes every socket opened with one agent sign-in, telling the client why, and remembers
   * that it ended: an upgrade that was authorized just before the sign-in ended may still be on
   * its way here, and `endedSignIn` refuses it when it arrives. Returns how many it closed.
   */
  endAuthSession(signIn: AuthSessionRef, reason: SignedOutReason): number {
    this.ctx.storage.kv.put(`${ENDED_PREFIX}${signIn.id}`, { reason, expiresAt: signIn.expiresAt } satisfies EndedSignIn);
    const sockets = this.sockets(authTag(signIn.id));
    for (const ws of sockets) this.close(ws, CLOSE_CODES.signedOut, reason);
    return sockets.length;
  }

  /** How an upgrade opened with this sign-in must be refused, or null while the sign-in stands. */
  endedSignIn(auth: AuthSessionRef | null): { code: number; reason: string } | null {
    if (!auth) return null;
    if (auth.expiresAt <= Date.now()) return { code: CLOSE_CODES.signedOut, reason: SIGNED_OUT_REASONS.expired };
    const ended = this.ctx.storage.kv.get<EndedSignIn>(`${ENDED_PREFIX}${auth.id}`);
    return ended ? { code: CLOSE_CODES.signedOut, reason: ended.reason } : null;
  }

  /** Closes every socket of one person (an agent who was deactivated). */
  endPerson(personId: string, reason: SignedOutReason): number {
    const sockets = this.socketsOf(personId);
    for (const ws of sockets) this.close(ws, CLOSE_CODES.signedOut, reason);
    return sockets.length;
  }

  /**
   * The sweep (SPEC §10): closes sockets silent longer than `timeoutMs` and sockets whose sign-in
   * has ended, and forgets ended sign-ins that would have expired by now. Returns the attachments of those it closed (a dead peer never sends the close
   * event that would tell the object) and when the next sign-in among the rest ends (ms), so the
   * object can wake up for it.
   */
  sweep(now: number, timeoutMs: number): { closed: A[]; nextAuthExpiry: number | null } {
    const kv = this.ctx.storage.kv;
    for (const [key, ended] of kv.list<EndedSignIn>({ prefix: ENDED_PREFIX })) if (ended.expiresAt <= now) kv.delete(key);
    const closed: A[] = [];
    let nextAuthExpiry: number | null = null;
    for (const ws of this.sockets()) {
      const attachment = this.attachment(ws);
      if (attachment?.auth && attachment.auth.expiresAt <= now) {
        this.close(ws, CLOSE_CODES.signedOut, SIGNED_OUT_REASONS.expired);
        closed.push(attachment);
      } else if (now - this.lastSeenAt(ws, attachment) > timeoutMs) {
        this.close(ws, CLOSE_CODES.idle, CLOSE_REASONS.idle);
        if (attachment) closed.push(attachment);
      } else if (attachment?.auth) {
        nextAuthExpiry = Math.min(nextAuthExpiry ?? Infinity, attachment.auth.expiresAt);
      }
    }
    return { closed, nextAuthExpiry };
  }
}
