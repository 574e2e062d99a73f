import type { VisitorDetail } from "@parley/protocol";
import type { ComponentChildren } from "preact";
import { useEffect } from "preact/hooks";
import { countryName, isWebUrl, languageName, shortUrl } from "../../lib/places";
import { fullDateTime, timeInZone } from "../../lib/time";
import { minuteNow } from "../../state/clock";
import type { OpenConversation } from "../../state/conversation/open-conversation";
import { visitorDrawerOpen } from "../../state/layout";
import { Avatar } from "../avatar/Avatar";
import { Icon, type IconName } from "../icon/Icon";
import { PreviousConversations } from "./PreviousConversations";
import "./visitor-panel.css";

/** Who the visitor is and where they are: identity, page, device, place, local time, history. */
export function VisitorPanel({ conversation }: { conversation: OpenConversation }) {
  const detail = conversation.detail.value;
  const error = conversation.detailError.value;
  const open = visitorDrawerOpen.value;

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key === "Escape" && visitorDrawerOpen.peek()) visitorDrawerOpen.value = false;
    };
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  }, []);

  return (
    <aside id="visitor-panel" class={`visitor-panel${open ? " visitor-panel--open" : ""}`} aria-label="Visitor details">
      <button type="button" class="button button--quiet icon-button visitor-panel__close" aria-label="Close visitor details" onClick={() => (visitorDrawerOpen.value = false)}>
        <Icon name="x" />
      </button>
      {detail?.visitor ? (
        <>
          <VisitorCard visitor={detail.visitor} />
          <VisitorFacts visitor={detail.visitor} />
          <PreviousConversations conversations={detail.previous_conversations} />
        </>
      ) : error ? (
        <div class="visitor-panel__error" role="alert">
          <p>{error}</p>
          <button type="button" class="button" onClick={() => void conversation.loadDetail()}>
            Try again
          </button>
        </div>
      ) : detail ? (
        <p class="visitor-panel__muted">This conversation has no visitor.</p>
      ) : (
        <p class="visitor-panel__muted" role="status">
          Loading visitor details…
        </p>
      )}
    </aside>
  );
}

function VisitorCard({ visitor }: { visitor: VisitorDetail }) {
  return (
    <section class="visitor-card">
      <Avatar id={visitor.id} name={visitor.name} size="lg" />
      <h2 class="visitor-card__name">{visitor.name}</h2>
      {visitor.email ? (
        <a class="visitor-card__email" href={`mailto:${visitor.email}`}>
          {visitor.email}
        </a>
      ) : visitor.contact_email ? (
        // Typed into the away form: the visitor's word only, so it is labelled as such.
        <a class="visitor-card__email" href={`mailto:${visitor.contact_email}`} title="Left in the away form; not verified by the site">
          {visitor.contact_email} <span class="visitor-card__unverified">(left in the away form)</span>
        </a>
      ) : (
        <p class="visitor-card__anonymous">{visitor.identified ? "No email given" : "Anonymous visitor"}</p>
      )}
      {visitor.identified && (
        <span class="visitor-card__verified" title="Identity verified by the site with a signed user hash">
          <Icon name="verified" size={14} /> Verified user
        </span>
      )}
    </section>
  );
}

function Fact({ icon, label, children }: { icon: IconName; label: string; children: ComponentChildren }) {
  return (
    <div class="fact">
      <dt>
        <Icon name={icon} size={14} />
        {label}
      </dt>
      <dd>{children}</dd>
    </div>
  );
}

function WebLink({ url, label }: { url: string; label?: string | null }) {
  if (!isWebUrl(url)) return <span class="fact__url">{url}</span>;
  return (
    <a class="fact__url" href={url} target="_blank" rel="noopener noreferrer nofollow" title={url}>
      {label || shortUrl(url)}
    </a>
  );
}

function VisitorFacts({ visitor }: { visitor: VisitorDetail }) {
  const local = visitor.timezone ? timeInZone(visitor.timezone, minuteNow.value) : null;
  const device = [visitor.browser, visitor.os].filter(Boolean).join(" on ");
  const place = [visitor.city, visitor.country ? countryName(visitor.country) : null].filter(Boolean).join(", ");
  return (
    <dl class="visitor-facts">
      <Fact icon="globe" label="Current page">
        {visitor.page_url ? (
          <>
            {visitor.page_title && <span class="fact__title">{visitor.page_title}</span>}
            <WebLink url={visitor.page_url} />
          </>
        ) : (
          <span class="fact__none">Not reported</span>
        )}
      </Fact>
      <Fact icon="link" label="Came from">
        {visitor.referrer ? <WebLink url={visitor.referrer} /> : <span class="fact__none">Direct visit</span>}
      </Fact>
      <Fact icon="clock" label="Local time">
        {local ? (
          <span>
            {local.time} <span class="fact__aside">{visitor.timezone} ({local.offset})</span>
          </span>
        ) : (
          <span class="fact__none">Time zone unknown</span>
        )}
      </Fact>
      <Fact icon="mapPin" label="Location">
        {place || <span class="fact__none">Unknown</span>}
      </Fact>
      <Fact icon="monitor" label="Browser">
        {device || <span class="fact__none">Unknown</span>}
      </Fact>
      {visitor.locale && (
        <Fact icon="message" label="Language">
          {languageName(visitor.locale)}
        </Fact>
      )}
      <Fact icon="history" label="First seen">
        <time dateTime={visitor.first_seen_at}>{fullDateTime(visitor.first_seen_at)}</time>
      </Fact>
    </dl>
  );
}
