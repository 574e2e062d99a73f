import { useSignal } from "@preact/signals";
import type { Site } from "@parley/protocol";
import { useMemo } from "preact/hooks";
import { ConfirmDialog } from "../../components/confirm-dialog/ConfirmDialog";
import { EmbedSnippet } from "../../components/embed-snippet/EmbedSnippet";
import { FaqEditor } from "../../components/faq-editor/FaqEditor";
import { Icon } from "../../components/icon/Icon";
import { IdentitySecret } from "../../components/identity-secret/IdentitySecret";
import { SiteForm } from "../../components/site-form/SiteForm";
import { WidgetPreview } from "../../components/widget-preview/WidgetPreview";
import { showNotice } from "../../state/notices";
import { settingsHref, showSettings } from "../../state/route";
import { faqs } from "../../state/settings/faq-admin";
import { adminSites, deleteSite } from "../../state/settings/site-admin";
import { siteDraft } from "../../state/settings/site-draft";

/**
 * One site's settings with the live preview beside them (below them on narrow screens), then its
 * FAQs, the snippet, identity verification and deletion. `siteId` null: a new site.
 */
export function SiteView({ siteId }: { siteId: string | null }) {
  const sites = adminSites.value;
  const site = siteId ? sites?.find((other) => other.id === siteId) : null;
  if (siteId && !sites) {
    return (
      <p class="settings-loading" role="status">
        Loading the site…
      </p>
    );
  }
  if (site === undefined) {
    return (
      <div class="settings-view">
        <h2 class="settings-view__title" tabIndex={-1}>
          No such site
        </h2>
        <p>It may have been deleted.</p>
        <a href={settingsHref({ view: "sites" })}>All sites</a>
      </div>
    );
  }
  return <SiteSettings site={site} />;
}

function SiteSettings({ site }: { site: Site | null }) {
  // One draft per site shown: saving keeps it (and the focus in it); another site gets its own.
  const draft = useMemo(() => siteDraft(site), []);
  const deleting = useSignal(false);

  const remove = async () => {
    if (!site) return;
    try {
      await deleteSite(site.id);
      showNotice({ tone: "info", text: `${site.name} was deleted. Its conversations stay in the inbox.` });
      showSettings({ view: "sites" });
    } catch (error) {
      showNotice({ tone: "error", text: `${site.name} was not deleted: ${error instanceof Error ? error.message : "try again"}` });
    }
  };

  return (
    <div class="settings-view site-view">
      <div class="settings-view__head">
        <div>
          <a class="settings-view__up" href={settingsHref({ view: "sites" })}>
            <Icon name="chevronLeft" />
            All sites
          </a>
          <h2 class="settings-view__title" tabIndex={-1}>
            {site ? site.name : "New site"}
          </h2>
          {site && (
            <p class="settings-view__lead">
              Site key <code class="site-view__key">{site.site_key}</code>
            </p>
          )}
        </div>
      </div>
      <div class="site-view__layout">
        <SiteForm site={site} draft={draft} onCreated={(created) => showSettings({ view: "site", siteId: created.id })} />
        <aside class="site-view__preview" aria-label="Widget preview">
          <WidgetPreview draft={draft} faqs={(site && faqs.value) || []} />
        </aside>
      </div>
      {site && (
        <>
          <section class="settings-card" aria-labelledby="site-faqs">
            <h3 id="site-faqs" class="settings-card__title">
              FAQs
            </h3>
            <p class="settings-card__lead">Shown as buttons under the greeting, in this order; the bot answers from them.</p>
            <FaqEditor siteId={site.id} />
          </section>
          <section class="settings-card" aria-labelledby="site-install">
            <h3 id="site-install" class="settings-card__title">
              Install
            </h3>
            <EmbedSnippet siteKey={site.site_key} origins={site.allowed_origins} />
          </section>
          <section class="settings-card" aria-labelledby="site-identity">
            <h3 id="site-identity" class="settings-card__title">
              Identity verification
            </h3>
            <IdentitySecret siteId={site.id} enabled={site.identity_enabled} />
          </section>
          <section class="settings-card settings-card--danger" aria-labelledby="site-delete">
            <h3 id="site-delete" class="settings-card__title">
              Delete this site
            </h3>
            <p class="settings-card__lead">The widget stops on every page at once. Conversations stay in the inbox.</p>
            <button type="button" class="button button--danger settings-card__action" onClick={() => (deleting.value = true)}>
              <Icon name="trash" />
              Delete site
            </button>
          </section>
        </>
      )}
      {site && deleting.value && (
        <ConfirmDialog
          title={`Delete ${site.name}?`}
          confirmLabel="Delete site"
          danger
          onClose={(confirmed) => {
            deleting.value = false;
            if (confirmed) void remove();
          }}
        >
          <p>
            Its site key <code>{site.site_key}</code> stops working at once: the widget disappears from every page that embeds it, and open chats are
            closed.
          </p>
          <p>Its conversations stay in the inbox. This cannot be undone.</p>
        </ConfirmDialog>
      )}
    </div>
  );
}
