import WebSocket from "ws";
import type { BenchSocket, OnMessage, SocketHooks } from "./types";

let opened = 0;

export interface OpenOptions {
  url: string;
  protocols?: string[];
  headers?: Record<string, string>;
  origin?: string;
  /** Pulls the chat message id out of a frame, or null for frames that are not one. */
  messageId: (text: string) => string | null;
  /** Frames a message for the wire. */
  frame: (id: string) => string;
  /** Resolves the open when this returns true for a frame (Parley's `hello`); on open when absent. */
  ready?: (text: string) => boolean;
}

/**
 * A `ws` client socket: frames counted by id, closed with a close handshake (never left to the
 * process's exit, which is what would leave sockets open on the server side).
 */
export function openSocket(options: OpenOptions, onMessage: OnMessage, hooks: SocketHooks = {}): Promise<BenchSocket> {
  const ws = new WebSocket(options.url, options.protocols ?? [], {
    headers: options.headers,
    origin: options.origin,
    perMessageDeflate: false,
  });
  const key = `s${opened++}`;
  const socket: BenchSocket = {
    key,
    send: (id) => ws.send(options.frame(id)),
    sendRaw: (text) => ws.send(text),
    isOpen: () => ws.readyState === WebSocket.OPEN,
    close: () => closeSocket(ws),
  };
  return new Promise<BenchSocket>((resolve, reject) => {
    let isReady = !options.ready;
    ws.on("message", (data) => {
      const text = data.toString();
      hooks.onFrame?.(text);
      if (!isReady && options.ready!(text)) {
        isReady = true;
        resolve(socket);
      }
      const id = options.messageId(text);
      if (id !== null) onMessage(id);
    });
    ws.once("open", () => {
      if (isReady) resolve(socket);
    });
    ws.once("unexpected-response", (_request, response) => {
      reject(new Error(`upgrade to ${options.url} refused: ${response.statusCode}`));
      ws.terminate();
    });
    ws.on("error", (error) => reject(error));
    ws.once("close", (code, reason) => {
      if (isReady) hooks.onClose?.(code, reason.toString());
      else reject(new Error(`socket to ${options.url} closed before it was ready: ${code} ${reason.toString()}`));
    });
  });
}

/** Closes with 1000 and waits for the server's close frame (at most 5 s, then drops the TCP connection). */
function closeSocket(ws: WebSocket): Promise<void> {
  if (ws.readyState === WebSocket.CLOSED) return Promise.resolve();
  return new Promise<void>((resolve) => {
    const timer = setTimeout(() => {
      ws.terminate();
      resolve();
    }, 5_000);
    ws.once("close", () => {
      clearTimeout(timer);
      resolve();
    });
    if (ws.readyState === WebSocket.CONNECTING) ws.terminate();
    else ws.close(1000, "bench done");
  });
}
