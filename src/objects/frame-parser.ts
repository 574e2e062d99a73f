import type { z } from "zod";
import { FRAME_MAX_CHARS } from "../protocol";

export interface Refusal {
  code: "invalid_frame" | "too_long" | "bad_json" | "unknown_type";
  message: string;
}

type FrameUnion = z.ZodDiscriminatedUnion<z.ZodObject<{ type: z.ZodLiteral<string> }>[], "type">;

/**
 * Turns raw socket data into a frame of `schema`, or says precisely why not. Shared by the
 * conversation socket and the dashboard socket so both refuse bad input the same way.
 */
export function parseFrame<S extends FrameUnion>(schema: S, data: string | ArrayBuffer): { frame: z.infer<S> } | { refusal: Refusal } {
  if (typeof data !== "string") return { refusal: { code: "invalid_frame", message: "Binary frames are not supported" } };
  if (data.length > FRAME_MAX_CHARS) return { refusal: { code: "too_long", message: "The frame is too large" } };
  let raw: unknown;
  try {
    raw = JSON.parse(data);
  } catch {
    return { refusal: { code: "bad_json", message: "The frame is not valid JSON" } };
  }
  const type = typeof raw === "object" && raw !== null ? (raw as { type?: unknown }).type : undefined;
  if (typeof type !== "string") return { refusal: { code: "invalid_frame", message: "Every frame needs a string type" } };
  const known = schema.options.some((option) => option.shape.type.value === type);
  if (!known) return { refusal: { code: "unknown_type", message: `Unknown frame type "${type.slice(0, 40)}"` } };
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.length ? `${issue.path.join(".")}: ` : "";
    return { refusal: { code: "invalid_frame", message: `${where}${issue?.message ?? "invalid frame"}` } };
  }
  return { frame: parsed.data };
}
