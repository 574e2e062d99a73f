/**
 * What a scenario needs from a server under test. Parley and the two floors all offer rooms of
 * sockets that pass chat messages to each other; scenarios drive them alike and compare.
 */
export type TargetName = "parley" | "do-floor" | "do-log-floor" | "floor";

/** One open socket in a room. `send` posts a chat message carrying `id`. */
export interface BenchSocket {
  /** Unique within the run: the recipient key of `Deliveries`. */
  readonly key: string;
  send(id: string): void;
  /** Sends a raw frame as is (the flood sends frames the budget refuses). */
  sendRaw(text: string): void;
  /** Open, not yet closing: what is sent now goes out. */
  isOpen(): boolean;
  close(): Promise<void>;
}

/** Called with the id of every chat message a socket receives (echoes of its own included). */
export type OnMessage = (id: string) => void;

/**
 * Who a Parley room's sockets are. "bot": tabs of one visitor in a conversation the bot answers,
 * every message followed by the bot's reply. "human": the visitor's tab first, then sockets of
 * the agent who took the conversation (a live chat: each message stored once and passed on).
 */
export type RoomKind = "bot" | "human";

/** A conversation (Parley) or a named broadcast room (floors). */
export interface Room {
  connect(onMessage: OnMessage, hooks?: SocketHooks): Promise<BenchSocket>;
}

export interface SocketHooks {
  /** Every frame as text, before parsing (to count refusals). */
  onFrame?: (text: string) => void;
  /** A close of a socket that was open; one closed before it was ready rejects its open instead. */
  onClose?: (code: number, reason: string) => void;
}

export interface Target {
  readonly name: TargetName;
  /** Root pids of the server's process trees, for CPU and socket counts. */
  pids(): number[];
  /** A new empty room; `do-log-floor` stores a reply to each message in a "bot" room, as the bot does. */
  room(kind: RoomKind): Promise<Room>;
  /** The "session init" of this target: one POST answered with JSON. */
  init(ip: string): Promise<void>;
  /** The tail of what the server printed, for a failed scenario's report. */
  output?(): string;
  stop(): Promise<void>;
}
