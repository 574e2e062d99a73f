import { wrangler } from "../../../scripts/lib/wrangler";
import type { DevServer } from "./dev-server";

/**
 * Adds a second site to the demo workspace straight in the dev server's local D1: the seed has
 * one site, and sites have no create API yet, but the inbox's site filter needs two.
 */
export async function addDemoSite(server: DevServer, site: { id: string; key: string; name: string; botEnabled: boolean }): Promise<void> {
  const quote = (value: string) => `'${value.replace(/'/g, "''")}'`;
  const now = Date.now();
  const sql = `INSERT INTO sites (id, workspace_id, site_key, name, allowed_origins, theme, greeting, locale, bot_enabled, created_at, updated_at)
    VALUES (${quote(site.id)}, 'ws_demo', ${quote(site.key)}, ${quote(site.name)}, ${quote(JSON.stringify([server.origin]))},
      ${quote(JSON.stringify({ color: "#0e7490", mode: "auto", position: "right" }))}, 'Hello!', 'en', ${site.botEnabled ? 1 : 0}, ${now}, ${now});`;
  await wrangler(["d1", "execute", "DB", "--local", "--persist-to", server.persistTo, "--command", sql], { quiet: true });
}
