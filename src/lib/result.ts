import type { ContentfulStatusCode } from "hono/utils/http-status";

/** A failure that crosses an object boundary as a value and becomes an HTTP or socket error. */
export interface Failure {
  status: ContentfulStatusCode;
  code: string;
  message: string;
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: Failure };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });

export const fail = (status: ContentfulStatusCode, code: string, message: string): { ok: false; error: Failure } => ({
  ok: false,
  error: { status, code, message },
});
