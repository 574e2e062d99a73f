import { CLOSE_CODES } from "@parley/protocol/close-codes";
import { ReconnectingSocket, type SocketAddress, type SocketState } from "@parley/browser/reconnecting-socket";

/** What the dashboard shows of a socket: offline counts as reconnecting. */
export type LinkState = Exclude<SocketState, "offline">;

/** First wait before reconnecting and the most, in ms. */
const RETRY_MS = 500;
const MAX_RETRY_MS = 15_000;

export interface AgentSocketHandlers {
  onState: (state: LinkState) => void;
  /** The socket is ready again after a (re)connect: resend what the server keeps per socket. */
  onOpen?: () => void;
  /** How often to ping, read before every ping: the server says its own in `connected`. */
  keepAliveMs: () => number;
  /** Closed because the sign-in ended (logout anywhere, expiry, deactivation); stops for good. */
  onSignedOut: (reason: string) => void;
  /** Closed because the agent has the most sockets of this kind the server allows; stops for good. */
  onTooManySockets: () => void;
  /** Team chats: closed because the agent is no longer a member (removed, or the group deleted); stops for good. */
  onNotMember?: (reason: string) => void;
}

/**
 * An agent's socket on the shared `ReconnectingSocket`: the cookie authenticates it, so it stops
 * for good when the sign-in ends or the server refuses one socket too many. After a refused
 * upgrade (a socket cannot see the status) `stillUsable` decides whether to try again.
 */
export function agentSocket<In, Out>(
  address: () => SocketAddress,
  onFrame: (frame: In) => void,
  handlers: AgentSocketHandlers,
  stillUsable: () => Promise<boolean>,
): ReconnectingSocket<In, Out> {
  return new ReconnectingSocket<In, Out>({
    address,
    retryMs: RETRY_MS,
    maxRetryMs: MAX_RETRY_MS,
    keepAliveMs: handlers.keepAliveMs,
    onFrame,
    onState: (state) => {
      handlers.onState(state === "offline" ? "reconnecting" : state);
      if (state === "open") handlers.onOpen?.();
    },
    finalCodes: [CLOSE_CODES.signedOut, CLOSE_CODES.tooManySockets, ...(handlers.onNotMember ? [CLOSE_CODES.notMember] : [])],
    onFinalClose: ({ code, reason }) => {
      if (code === CLOSE_CODES.signedOut) handlers.onSignedOut(reason);
      else if (code === CLOSE_CODES.notMember) handlers.onNotMember?.(reason);
      else handlers.onTooManySockets();
    },
    shouldRetry: async ({ opened }) => opened || stillUsable(),
  });
}
