import { signal } from "@preact/signals";
import type { CreateSiteBody, IdentitySecretResponse, Site, SiteListResponse, UpdateSiteBody } from "@parley/protocol";
import { requestJson } from "../../lib/http";
import { loadSites } from "../sites";

/** The workspace's sites with their settings, as an admin sees them; null until the first answer. */
export const adminSites = signal<Site[] | null>(null);
export const adminSitesFailed = signal<string | null>(null);

/** An admin's `GET /api/sites` lists every site's settings (`Site`), not summaries. */
const isSite = (site: SiteListResponse["sites"][number]): site is Site => "allowed_origins" in site;

export async function loadAdminSites(): Promise<void> {
  try {
    const { sites } = await requestJson<SiteListResponse>("/api/sites");
    adminSites.value = sites.filter(isSite);
    adminSitesFailed.value = null;
  } catch (error) {
    adminSitesFailed.value = error instanceof Error ? error.message : "The sites could not be loaded.";
  }
}

/** Puts the server's copy of one site in the list (by name, as the server lists them); the inbox's site filter hears of it too. */
function keep(site: Site): Site {
  const others = (adminSites.peek() ?? []).filter((other) => other.id !== site.id);
  adminSites.value = [...others, site].sort((a, b) => a.name.localeCompare(b.name));
  void loadSites();
  return site;
}

/** Bodies are typed by the schemas' input: the server fills in what a create leaves out. */
export async function createSite(body: Partial<CreateSiteBody> & Pick<CreateSiteBody, "name">): Promise<Site> {
  return keep(await requestJson<Site>("/api/sites", { method: "POST", body }));
}

export async function saveSite(siteId: string, changes: UpdateSiteBody): Promise<Site> {
  return keep(await requestJson<Site>(`/api/sites/${siteId}`, { method: "PATCH", body: changes }));
}

/** Deletes a site: its key stops at once; its conversations stay in the inbox. */
export async function deleteSite(siteId: string): Promise<void> {
  await requestJson<void>(`/api/sites/${siteId}`, { method: "DELETE" });
  adminSites.value = (adminSites.peek() ?? []).filter((site) => site.id !== siteId);
  void loadSites();
}

/** A new identity secret, returned this once; the site's previous one stops verifying at once. */
export async function newIdentitySecret(siteId: string): Promise<string> {
  const { identity_secret } = await requestJson<IdentitySecretResponse>(`/api/sites/${siteId}/identity-secret`, { method: "POST" });
  const site = adminSites.peek()?.find((other) => other.id === siteId);
  if (site && !site.identity_enabled) adminSites.value = adminSites.peek()!.map((other) => (other === site ? { ...site, identity_enabled: true } : other));
  return identity_secret;
}
