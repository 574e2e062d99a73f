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

const TOO_LARGE = () => new ApiError(413, "too_large", `The request body is larger than ${BODY_MAX_BYTES / 1024} KB`);

/**
 * The body as text, read no further than `BODY_MAX_BYTES`: a body without a Content-Length
 * (chunked) is cut off as soon as it is too large, never buffered whole.
 */
async function boundedText(request: Request): Promise<string> {
  if (Number(request.headers.get("content-length") ?? 0) > BODY_MAX_BYTES) throw TOO_LARGE();
  if (!request.body) return "";
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > BODY_MAX_BYTES) {
      await reader.cancel();
      throw TOO_LARGE();
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return new TextDecoder().decode(bytes);
}

/**
 * Parses a request's JSON body with a protocol schema, or throws: 415 unless it is sent as
 * JSON (so no plain HTML form can post it), 413 when too large, 400 naming what is wrong.
 */
export async function jsonBody<S extends z.ZodType>(request: Request, schema: S): Promise<z.infer<S>> {
  const type = request.headers.get("content-type")?.split(";")[0]?.trim().toLowerCase();
  if (type !== "application/json") throw new ApiError(415, "unsupported_media_type", "Send the body as application/json");
  const text = await boundedText(request);
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
