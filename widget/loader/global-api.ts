import { ParleyWidget } from "./parley-widget";

const METHODS = ["openChat", "closeChat", "toggleChat", "sendMessage", "escalateConversation", "identify", "on", "off"] as const;
type Method = (typeof METHODS)[number];

/** Short command names of the queue form, `Parley('open')` (SPEC §8); the others use method names. */
const ALIASES: Record<string, Method> = { open: "openChat", close: "closeChat", toggle: "toggleChat" };

/** The snippet's stub before widget.js runs: a function that queues its arguments in `q`. */
interface QueueStub {
  (...args: unknown[]): void;
  q?: ArrayLike<unknown>[];
}

/** `window.Parley` once loaded: still callable with commands, and an object with the API. */
export type ParleyGlobal = ((command: string, ...args: unknown[]) => unknown) & Pick<ParleyWidget, Method | "isConnected">;

declare global {
  interface Window {
    Parley?: ParleyGlobal | QueueStub;
    ParleyWidget?: typeof ParleyWidget;
  }
}

function run(widget: ParleyWidget, command: unknown, args: unknown[]): unknown {
  const name = ALIASES[String(command)] ?? (command as Method);
  if (!METHODS.includes(name)) return console.warn("Parley: unknown command", command);
  const result = (widget[name] as (...a: unknown[]) => unknown)(...args);
  if (result instanceof Promise) result.catch((error: Error) => console.error("Parley:", error.message));
  return result;
}

/** Replaces the stub with the real API and replays every call made before the script loaded. */
export function installGlobalApi(widget: ParleyWidget): void {
  const queued = Array.from((window.Parley as QueueStub | undefined)?.q ?? []);
  const api = ((command: string, ...args: unknown[]) => run(widget, command, args)) as ParleyGlobal;
  for (const name of METHODS) Object.assign(api, { [name]: (widget[name] as (...a: unknown[]) => unknown).bind(widget) });
  Object.defineProperty(api, "isConnected", { get: () => widget.isConnected });
  window.Parley = api;
  for (const call of queued) run(widget, call[0], [].slice.call(call, 1));
}
