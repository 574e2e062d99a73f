import type { ComponentChildren } from "preact";
import "./auth-card.css";

/**
 * The card every signed-out page shows (login, invite): the brand, the page's title and lead,
 * then its own notices and form.
 */
export function AuthCard({ title, lead, children }: { title: string; lead: ComponentChildren; children: ComponentChildren }) {
  return (
    <main class="auth-page">
      <section class="auth-card" aria-labelledby="auth-card-title">
        <div class="auth-card__brand">
          <span class="brand-mark" aria-hidden="true" />
          <span>Parley</span>
        </div>
        <h1 id="auth-card-title">{title}</h1>
        <p class="auth-card__lead">{lead}</p>
        <div class="auth-card__body">{children}</div>
      </section>
      <p class="auth-page__foot">Parley · live chat for your website</p>
    </main>
  );
}
