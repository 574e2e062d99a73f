import { EmptyState } from "../../components/empty-state/EmptyState";
import { Icon } from "../../components/icon/Icon";
import { settingsHref } from "../../state/route";
import { adminSites, adminSitesFailed } from "../../state/settings/site-admin";

/** The workspace's sites, each leading to its settings, and "New site". */
export function SitesView() {
  const sites = adminSites.value;
  return (
    <div class="settings-view">
      <div class="settings-view__head">
        <div>
          <h2 class="settings-view__title" tabIndex={-1}>
            Sites
          </h2>
          <p class="settings-view__lead">Each site has its own widget: key, origins, look, FAQs and hours.</p>
        </div>
        <a class="button button--primary" href={settingsHref({ view: "new-site" })}>
          <Icon name="plus" />
          New site
        </a>
      </div>
      {adminSitesFailed.value && <p class="form-error">{adminSitesFailed.value}</p>}
      {!sites && !adminSitesFailed.value && (
        <p class="settings-loading" role="status">
          Loading sites…
        </p>
      )}
      {sites?.length === 0 && (
        <EmptyState icon="globe" title="No sites yet">
          Create one, then paste its snippet into your pages.
        </EmptyState>
      )}
      {sites && sites.length > 0 && (
        <ul class="site-cards">
          {sites.map((site) => (
            <li key={site.id}>
              <a class="site-card" href={settingsHref({ view: "site", siteId: site.id })}>
                <span class="site-card__swatch" style={{ background: site.theme.color }} aria-hidden="true" />
                <span class="site-card__text">
                  <span class="site-card__name">{site.name}</span>
                  <span class="site-card__origins">
                    {site.allowed_origins.length === 0
                      ? "No allowed origins yet"
                      : site.allowed_origins.length === 1
                        ? site.allowed_origins[0]
                        : `${site.allowed_origins[0]} and ${site.allowed_origins.length - 1} more`}
                  </span>
                </span>
                <span class="site-card__key">
                  <span class="visually-hidden">Site key </span>
                  {site.site_key}
                </span>
                <Icon name="chevronLeft" class="site-card__chevron" />
              </a>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
