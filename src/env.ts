import type { Database } from "./db/client";

declare global {
  namespace Cloudflare {
    interface Env {
      /** Worker secret; `.dev.vars` locally (see `.dev.vars.example`). */
      VISITOR_TOKEN_SECRET: string;
      /** "1" turns on the development-only inspection routes (`/api/dev/*`); never set in production. */
      DEV_INSPECTION?: string;
    }
  }
}

/**
 * Who is calling, once authenticated. Visitors are `user` on messages (SPEC §3). `personId` is
 * whom the limits of SPEC §10 count: an agent, an anonymous visitor's browser, or an identified
 * user across all their browsers on one site.
 */
export type Principal =
  | { type: "visitor"; id: string; personId: string; name: string; siteId: string; workspaceId: string }
  | { type: "agent"; id: string; personId: string; name: string; workspaceId: string; role: "admin" | "agent" };

export interface AppVariables {
  db: Database;
  principal: Principal;
}

export interface AppEnv {
  Bindings: Env;
  Variables: AppVariables;
}
