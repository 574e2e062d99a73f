import { ClientFrameSchema, FRAME_MAX_CHARS, type ClientFrame, type ServerFrameOf, type SocketErrorCode } from "../../protocol";
import type { ChatLimits } from "../../config";
import { takeToken } from "../../lib/rate-bucket";
import type { SessionActions } from "./actions";
import type { ChatAttachment, Room } from "./room";

const KNOWN_TYPES = new Set<string>(ClientFrameSchema.options.map((option) => option.shape.type.value));

type Refusal = { code: SocketErrorCode; message: string };

function errorFrame(refusal: Refusal, clientMsgId?: string): ServerFrameOf<"error"> {
  return clientMsgId
    ? { type: "error", ...refusal, client_msg_id: clientMsgId }
    : { type: "error", ...refusal };
}

/** Turns raw socket data into a valid client frame, or says precisely why not. */
export function parseFrame(data: string | ArrayBuffer): { frame: ClientFrame } | { refusal: Refusal } {
  if (typeof data !== "string") return { refusal: { code: "invalid_frame", message: "Binary frames are not supported" } };
  if (data.length > FRAME_MAX_CHARS) return { refusal: { code: "too_long", message: "The frame is too large" } };
  let raw: unknown;
  try {
    raw = JSON.parse(data);
  } catch {
    return { refusal: { code: "bad_json", message: "The frame is not valid JSON" } };
  }
  const type = typeof raw === "object" && raw !== null ? (raw as { type?: unknown }).type : undefined;
  if (typeof type !== "string") return { refusal: { code: "invalid_frame", message: "Every frame needs a string type" } };
  if (!KNOWN_TYPES.has(type)) return { refusal: { code: "unknown_type", message: `Unknown frame type "${type.slice(0, 40)}"` } };
  const parsed = ClientFrameSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.length ? `${issue.path.join(".")}: ` : "";
    return { refusal: { code: "invalid_frame", message: `${where}${issue?.message ?? "invalid frame"}` } };
  }
  return { frame: parsed.data };
}

/**
 * Handles one frame from a conversation socket. Anything wrong with it is answered with an
 * `error` frame on that socket only; the socket stays open and the room keeps going.
 */
export async function handleFrame(
  actions: SessionActions,
  room: Room,
  limits: ChatLimits,
  ws: WebSocket,
  data: string | ArrayBuffer,
): Promise<void> {
  const attachment = room.attachment(ws);
  if (!attachment) {
    room.close(ws, 1011, "Lost socket identity");
    return;
  }
  const now = Date.now();
  const spent = takeToken(attachment.bucket, { burst: limits.rateBurst, perSecond: limits.ratePerSecond }, now);
  room.update(ws, { ...attachment, bucket: spent.bucket, lastSeenAt: now });
  if (!spent.allowed) {
    room.send(ws, errorFrame({ code: "rate_limited", message: "Too many frames; slow down" }));
    return;
  }
  const parsed = parseFrame(data);
  if ("refusal" in parsed) {
    room.send(ws, errorFrame(parsed.refusal));
    return;
  }
  await dispatch(actions, room, ws, attachment, parsed.frame);
}

async function dispatch(
  actions: SessionActions,
  room: Room,
  ws: WebSocket,
  { principal }: ChatAttachment,
  frame: ClientFrame,
): Promise<void> {
  switch (frame.type) {
    case "message": {
      const result = await actions.postMessage(principal, {
        content: frame.content,
        clientMsgId: frame.client_msg_id,
        metadata: frame.metadata,
      });
      if (!result.ok) room.send(ws, errorFrame(refusalOf(result.error), frame.client_msg_id));
      else if (!result.value.created) room.send(ws, { type: "message", message: result.value.message });
      return;
    }
    case "faq": {
      if (principal.type !== "visitor") return room.send(ws, errorFrame(VISITORS_ONLY));
      const result = await actions.clickFaq(principal, frame.faq_id, frame.client_msg_id);
      if (!result.ok) room.send(ws, errorFrame(refusalOf(result.error), frame.client_msg_id));
      return;
    }
    case "escalate":
      if (principal.type !== "visitor") return room.send(ws, errorFrame(VISITORS_ONLY));
      await actions.escalate(frame.reason, frame.metadata);
      return;
    case "typing":
      actions.typing(principal, frame.is_typing);
      return;
    case "read":
      actions.markRead(principal, frame.seq);
      return;
    case "load_older":
      room.send(ws, { type: "older", ...actions.olderThan(frame.before) });
      return;
  }
}

const VISITORS_ONLY: Refusal = { code: "forbidden", message: "Only the visitor can do that" };

function refusalOf(error: { code: string; message: string }): Refusal {
  const code = (["empty", "too_long", "not_found", "forbidden", "rate_limited"] as const).find((known) => known === error.code);
  return { code: code ?? "invalid_frame", message: error.message };
}
