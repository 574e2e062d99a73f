import type { ErrorHandler, NotFoundHandler } from "hono";
import { HTTPException } from "hono/http-exception";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import type { Failure } from "../lib/result";
import { logEvent } from "../lib/log";

/** An expected failure with a machine-readable code; `onError` renders it as SPEC §5's JSON. */
export class ApiError extends HTTPException {
  constructor(
    status: ContentfulStatusCode,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(status, { message });
  }

  static from(failure: Failure): ApiError {
    return new ApiError(failure.status, failure.code, failure.message);
  }
}

export function errorBody(code: string, message: string, details?: unknown) {
  return { error: details === undefined ? { code, message } : { code, message, details } };
}

export const onError: ErrorHandler = (err, c) => {
  if (err instanceof ApiError) {
    return c.json(errorBody(err.code, err.message, err.details), err.status);
  }
  if (err instanceof HTTPException) {
    const status = err.status as ContentfulStatusCode;
    return c.json(errorBody(status >= 500 ? "internal" : "bad_request", err.message), status);
  }
  logEvent("error", { where: "http", path: c.req.path, error: String(err) });
  return c.json(errorBody("internal", "Something went wrong on our side"), 500);
};

export const onNotFound: NotFoundHandler = (c) =>
  c.json(errorBody("not_found", `No route for ${c.req.method} ${c.req.path}`), 404);
