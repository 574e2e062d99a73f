import type { IdentifyInput, PanelHost, VisitorUser } from "../contract";
import { ApiClient } from "../net/api-client";

/**
 * `Parley('identify', …)` (SPEC §4.9): links the visitor to the embedder's user once the server
 * has checked `user_hash`, and keeps the verified user on the session. Its own chunk, loaded on the
 * first call, since most page views never identify. Rejects with the server's `HttpError`.
 */
export async function identify(host: PanelHost, user: IdentifyInput): Promise<VisitorUser> {
  const api = new ApiClient(host.options.backendUrl, host.session, host.refreshSession);
  const verified = await api.identify(host.options.siteKey, user);
  host.session().user = verified;
  return verified;
}
