import type { z } from "zod";
import { ApiError } from "./errors";

function issuesOf(error: z.ZodError) {
  return error.issues.map((issue) => ({ path: issue.path.join("."), message: issue.message }));
}

function describe(error: z.ZodError): string {
  const first = error.issues[0];
  if (!first) return "Invalid input";
  return first.path.length ? `${first.path.join(".")}: ${first.message}` : first.message;
}

/** No JSON body of ours comes near this; anything larger is refused before parsing. */
const BODY_MAX_BYTES = 64 * 1024;

/** Parses a request's JSON body with a protocol schema, or throws a 400 naming what is wrong. */
export async function jsonBody<S extends z.ZodType>(request: Request, schema: S): Promise<z.infer<S>> {
  const declared = Number(request.headers.get("content-length") ?? 0);
  if (declared > BODY_MAX_BYTES) throw new ApiError(413, "too_large", "The request body is too large");
  const text = await request.text();
  if (text.length > BODY_MAX_BYTES) throw new ApiError(413, "too_large", "The request body is too large");
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw new ApiError(400, "bad_json", "The request body is not valid JSON");
  }
  return parseWith(schema, raw);
}

/** A schema may name its own error code in an issue's `params.code` (metadata bounds do). */
function codeOf(error: z.ZodError): string {
  const first = error.issues[0];
  const code = first && "params" in first ? (first.params as { code?: unknown } | undefined)?.code : undefined;
  return typeof code === "string" ? code : "invalid_request";
}

export function parseWith<S extends z.ZodType>(schema: S, raw: unknown): z.infer<S> {
  const result = schema.safeParse(raw);
  if (!result.success) throw new ApiError(400, codeOf(result.error), describe(result.error), issuesOf(result.error));
  return result.data;
}
