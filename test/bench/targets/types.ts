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
  close(): Promise<void>;
}

/** Called with the id of every chat message a socket receives (echoes of its own included). */
export type OnMessage = (id: string) => void;

/** A conversation (Parley) or a named broadcast room (floors). */
export interface Room {
  connect(onMessage: OnMessage, hooks?: SocketHooks): Promise<BenchSocket>;
}

export interface SocketHooks {
  /** Every frame as text, before parsing (to count refusals). */
  onFrame?: (text: string) => void;
  onClose?: (code: number, reason: string) => void;
}

export interface Target {
  readonly name: TargetName;
  /** Root pids of the server's process trees, for CPU and socket counts. */
  pids(): number[];
  /** A new empty room. */
  room(): Promise<Room>;
  /** The "session init" of this target: one POST answered with JSON. */
  init(ip: string): Promise<void>;
  /** The tail of what the server printed, for a failed scenario's report. */
  output?(): string;
  stop(): Promise<void>;
}
