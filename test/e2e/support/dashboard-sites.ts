import type { Site } from "../../../src/protocol";
import { loginCookie } from "./agent-client";
import { apiJson } from "./api";
import { ADA, DEMO_PASSWORD } from "./dashboard-app";
import type { DevServer } from "./dev-server";

/**
 * Adds a second site to the demo workspace as its admin would (`POST /api/sites`), with pages of
 * the dev server's origin let in: the seed has one site, and the inbox's site filter needs two.
 * Returns the site, with the id and key the server gave it.
 */
export async function addDemoSite(server: DevServer, site: { name: string; botEnabled: boolean }): Promise<Site> {
  const cookie = await loginCookie(server, ADA.email, DEMO_PASSWORD);
  return apiJson<Site>(server, "/api/sites", { cookie, body: { name: site.name, bot_enabled: site.botEnabled, allowed_origins: [server.origin] } });
}
