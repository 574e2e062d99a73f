/**
 * Plumbing shared by the hibernating objects: typed attachments, safe sends, and closing the
 * way the Hibernation API requires.
 */

/** Close codes a peer may report but an endpoint must never send. */
const UNSENDABLE_CLOSE_CODES = new Set([1005, 1006, 1015]);

export function readAttachment<T>(ws: WebSocket): T | null {
  return (ws.deserializeAttachment() as T | null) ?? null;
}

export function writeAttachment<T>(ws: WebSocket, attachment: T): void {
  ws.serializeAttachment(attachment);
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

function sendText(ws: WebSocket, text: string): void {
  try {
    ws.send(text);
  } catch {
    // The socket is closing or closed; its own close event cleans up.
  }
}

/** Answers a peer's close frame; without it clients wait and then report 1006. */
export function answerClose(ws: WebSocket, code: number, reason: string): void {
  try {
    ws.close(UNSENDABLE_CLOSE_CODES.has(code) ? 1000 : code, reason);
  } catch {
    // Already closed: nothing to answer.
  }
}

export function isOpen(ws: WebSocket): boolean {
  return ws.readyState === WebSocket.OPEN;
}
