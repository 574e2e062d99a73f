import { AsyncLocalStorage } from "node:async_hooks";

/**
 * The request a piece of work belongs to (SPEC §11): set by the worker for each HTTP request and
 * carried into the Durable Objects with every RPC (`src/objects/stubs.ts`), so the log lines of one
 * request can be found together wherever they were written.
 */
const requestContext = new AsyncLocalStorage<RequestContext>();

/**
 * The id of one piece of work: given (a request's), or made from `kind` the first time a log line
 * or an RPC reads it, so the many frames that log nothing and call no one cost no UUID.
 */
interface RequestContext {
  id?: string;
  kind?: "frame" | "alarm" | "cron";
}

/** Runs `work` as part of request `requestId`; its log lines, and the RPCs it makes, carry the id. */
export function withRequestId<T>(requestId: string, work: () => T): T {
  return requestContext.run({ id: requestId }, work);
}

/**
 * Runs `work` under a new id of its own, for work no HTTP request started (a socket frame, an
 * alarm, a Cron run): `kind` prefixes it (`frame-…`, `alarm-…`, `cron-…`) so a reader knows where to look.
 */
export function withOwnId<T>(kind: "frame" | "alarm" | "cron", work: () => T): T {
  return requestContext.run({ kind }, work);
}

/** The id of the request (or frame, alarm, Cron run) the current work belongs to. */
export function currentRequestId(): string | undefined {
  const context = requestContext.getStore();
  if (context?.kind) context.id ??= `${context.kind}-${crypto.randomUUID()}`;
  return context?.id;
}

/** One structured JSON log line per event (SPEC §11), readable in `wrangler tail` and Logpush. */
export function logEvent(event: string, fields: Record<string, unknown> = {}): void {
  const requestId = currentRequestId();
  console.log(JSON.stringify({ event, at: new Date().toISOString(), ...(requestId ? { request_id: requestId } : {}), ...fields }));
}
