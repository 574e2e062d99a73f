import {
  ClientFrameSchema,
  ClientMsgIdSchema,
  CLOSE_CODES,
  CLOSE_REASONS,
  type ClientFrame,
  type ServerFrameOf,
  type SocketErrorCode,
} from "../../protocol";
import { parseFrame } from "../frame-parser";
import type { ChatLimits } from "../../config";
import type { PersonBudget } from "../person-budget";
import { RATE_LIMITED_MESSAGE, type SessionActions } from "./actions";
import type { ChatAttachment, Room } from "./room";
import type { SessionViews } from "./views";

/** What handling a frame may use: the conversation's actions and views, its room, budgets and limits. */
export interface FrameContext {
  actions: SessionActions;
  views: SessionViews;
  room: Room;
  budget: PersonBudget;
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
  const { room, limits, budget } = context;
  const now = Date.now();
  const attachment = room.admitFrame(ws, now, limits.connectionTimeoutMs);
  if (!attachment) return;
  // Every frame pays before it is read, so a flood of bad frames costs its sender the same.
  const spent = budget.spend(attachment.principal.personId, now);
  if (spent === "flooding") return room.close(ws, CLOSE_CODES.flooding, CLOSE_REASONS.flooding);
  if (spent === "refused") {
    room.send(ws, errorFrame({ code: "rate_limited", message: RATE_LIMITED_MESSAGE }, clientMsgIdOf(data)));
    return;
  }
  const parsed = parseFrame(ClientFrameSchema, data);
  if ("refusal" in parsed) {
    room.send(ws, errorFrame(parsed.refusal));
    return;
  }
  await dispatch(context, ws, attachment, parsed.frame);
}

/** Frames no message frame can outgrow; larger ones are not read just to name their id. */
const NAMED_FRAME_MAX_CHARS = 16_384;

/** The `client_msg_id` of a refused frame, so the client can mark that message failed. */
function clientMsgIdOf(data: string | ArrayBuffer): string | undefined {
  if (typeof data !== "string" || data.length > NAMED_FRAME_MAX_CHARS) return undefined;
  try {
    const id: unknown = (JSON.parse(data) as { client_msg_id?: unknown } | null)?.client_msg_id;
    return ClientMsgIdSchema.safeParse(id).success ? (id as string) : undefined;
  } catch {
    return undefined;
  }
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
    case "escalate": {
      if (principal.type !== "visitor") return room.send(ws, errorFrame(VISITORS_ONLY));
      const result = await actions.escalate(frame.reason, frame.metadata);
      if (!result.ok) room.send(ws, errorFrame(refusalOf(result.error)));
      return;
    }
    case "typing":
      await actions.typing(principal, frame.is_typing);
      return;
    case "read":
      await actions.markRead(principal, frame.seq);
      return;
    case "load_older":
      room.send(ws, { type: "older", ...views.olderThan(frame.before, principal) });
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
