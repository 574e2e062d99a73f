import { fail, ok, type Result } from "../lib/result";
import { verifyVisitorToken, type VisitorClaims } from "./visitor-token";

/** An authenticated caller before we know what they may touch. Agents join in the dashboard issue. */
export type Caller = { type: "visitor"; claims: VisitorClaims };

export function tokenSecret(env: Env): string {
  if (!env.VISITOR_TOKEN_SECRET) throw new Error("VISITOR_TOKEN_SECRET is not set (see .dev.vars.example)");
  return env.VISITOR_TOKEN_SECRET;
}

export function bearerToken(authorization: string | undefined | null): string | null {
  const match = /^Bearer\s+(\S+)$/i.exec(authorization ?? "");
  return match?.[1] ?? null;
}

export async function visitorCaller(env: Env, token: string | null): Promise<Result<Caller>> {
  if (!token) return fail(401, "unauthorized", "A visitor token is required");
  const claims = await verifyVisitorToken(tokenSecret(env), token);
  return claims.ok ? ok({ type: "visitor", claims: claims.value }) : claims;
}
