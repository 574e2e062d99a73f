import { ClientFrameSchema, type ClientFrame, type ServerFrameOf, type SocketErrorCode } from "../../protocol";
import { parseFrame } from "../frame-parser";
import type { ChatLimits } from "../../config";
import type { SessionActions } from "./actions";
import type { ChatAttachment, Room } from "./room";
import type { SessionViews } from "./views";

/** What handling a frame may use: the conversation's actions and views, its room, its limits. */
export interface FrameContext {
  actions: SessionActions;
  views: SessionViews;
  room: Room;
  limits: ChatLimits;
}

type Refusal = { code: SocketErrorCode; message: string };

function errorFrame(refusal: Refusal, clientMsgId?: string): ServerFrameOf<"error"> {
  return clientMsgId
    ? { type: "error", ...refusal, client_msg_id: clientMsgId }
    : { type: "error", ...refusal };
}

/**
 * Handles one frame from a conversation socket. Anything wrong with it is answered with an
 * `error` frame on that socket only; the socket stays open and the room keeps going.
 */
export async function handleFrame(context: FrameContext, ws: WebSocket, data: string | ArrayBuffer): Promise<void> {
  const { actions, room, limits } = context;
  const now = Date.now();
  const attachment = room.admitFrame(ws, now, limits.connectionTimeoutMs);
  if (!attachment) return;
  const parsed = parseFrame(ClientFrameSchema, data);
  if ("refusal" in parsed) {
    room.send(ws, errorFrame(parsed.refusal));
    return;
  }
  // Parsed first, so a refused message names its client_msg_id and the client can mark it failed.
  const budget = actions.spend(attachment.principal, now);
  if (!budget.ok) {
    const clientMsgId = "client_msg_id" in parsed.frame ? parsed.frame.client_msg_id : undefined;
    room.send(ws, errorFrame({ code: "rate_limited", message: budget.error.message }, clientMsgId));
    return;
  }
  await dispatch(context, ws, attachment, parsed.frame);
}

async function dispatch({ actions, views, room }: FrameContext, ws: WebSocket, { principal }: ChatAttachment, frame: ClientFrame): Promise<void> {
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
      await actions.typing(principal, frame.is_typing);
      return;
    case "read":
      await actions.markRead(principal, frame.seq);
      return;
    case "load_older":
      room.send(ws, { type: "older", ...views.olderThan(frame.before) });
      return;
  }
}

const VISITORS_ONLY: Refusal = { code: "forbidden", message: "Only the visitor can do that" };

function refusalOf(error: { code: string; message: string }): Refusal {
  const code = (["empty", "too_long", "invalid_text", "not_found", "forbidden", "rate_limited", "already_assigned"] as const).find(
    (known) => known === error.code,
  );
  return { code: code ?? "invalid_frame", message: error.message };
}
