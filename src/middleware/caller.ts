import type { Context } from "hono";
import { bearerToken, visitorCaller, type Caller } from "../auth/caller";
import type { AppEnv } from "../env";
import { ApiError } from "./errors";

/** The authenticated caller of a REST request, or a 401 in the SPEC's error shape. */
export async function requireCaller(c: Context<AppEnv>): Promise<Caller> {
  const result = await visitorCaller(c.env, bearerToken(c.req.header("Authorization")));
  if (!result.ok) throw ApiError.from(result.error);
  return result.value;
}
