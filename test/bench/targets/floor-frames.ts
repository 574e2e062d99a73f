import type { OpenOptions } from "./socket";

/** The `message` frame a Parley client sends (SPEC §6), with the bench's message id. */
export const messageFrame = (id: string): string => JSON.stringify({ type: "message", client_msg_id: id, content: `bench ${id}` });

/**
 * The broadcast floors' wire format (`floor`, `do-floor`): the frame a Parley client sends
 * (`message` with `client_msg_id`), passed back verbatim.
 */
export const FLOOR_FRAMES: Pick<OpenOptions, "frame" | "messageId"> = {
  frame: messageFrame,
  messageId: (text) => {
    const frame = JSON.parse(text) as { type?: string; client_msg_id?: string };
    return frame.type === "message" && typeof frame.client_msg_id === "string" ? frame.client_msg_id : null;
  },
};

/**
 * The id of a `message` frame as Parley sends it (SPEC §6: the stored message, its
 * `client_msg_id` inside), or null for any other frame (a bot's reply carries none).
 */
export function storedMessageId(text: string): string | null {
  const frame = JSON.parse(text) as { type: string; message?: { client_msg_id?: string | null } };
  return frame.type === "message" ? (frame.message?.client_msg_id ?? null) : null;
}

/**
 * `do-log-floor`'s wire format: Parley's, the client frame in and the stored message out, so its
 * clients parse what Parley's do.
 */
export const STORED_FRAMES: Pick<OpenOptions, "frame" | "messageId"> = { frame: messageFrame, messageId: storedMessageId };
