import { signal } from "@preact/signals";
import type { SiteSummary } from "@parley/protocol";
import { requestJson } from "../lib/http";

export const sites = signal<SiteSummary[]>([]);

export async function loadSites(): Promise<void> {
  try {
    sites.value = (await requestJson<{ sites: SiteSummary[] }>("/api/sites")).sites;
  } catch {
    // Without the list the site filter only offers "All sites"; everything else still works.
  }
}
