import type { OpenOptions } from "./socket";

/** The `message` frame a Parley client sends (SPEC §6), with the bench's message id. */
export const messageFrame = (id: string): string => JSON.stringify({ type: "message", client_msg_id: id, content: `bench ${id}` });

/**
 * The floors' wire format: the frame a Parley client sends (`message` with `client_msg_id`),
 * passed back verbatim, so client-side parsing costs the same on every target.
 */
export const FLOOR_FRAMES: Pick<OpenOptions, "frame" | "messageId"> = {
  frame: messageFrame,
  messageId: (text) => {
    const frame = JSON.parse(text) as { type?: string; client_msg_id?: string };
    return frame.type === "message" && typeof frame.client_msg_id === "string" ? frame.client_msg_id : null;
  },
};
