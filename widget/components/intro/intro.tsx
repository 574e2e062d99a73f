import { ChevronIcon, PersonIcon } from "../icons";
import { useWidget } from "../widget-context";

/**
 * The start of every conversation: the site's greeting, then its FAQ as buttons (SPEC §4.4).
 * `offerHuman`: no bot answer below offers "Talk to a human" yet, so this block does.
 */
export function Intro({ offerHuman }: { offerHuman: boolean }) {
  const { engine, t, site, greeting } = useWidget();
  return (
    <li class="intro">
      <div class="msg them first">
        <p class="who" aria-hidden="true">{site.name}</p>
        <p class="bubble">
          <span class="sr-only">{site.name}: </span>
          <span class="text" dir="auto">{greeting}</span>
        </p>
      </div>
      {site.faqs.length > 0 && (
        <section class="faq" aria-labelledby="parley-faq-title">
          <h3 id="parley-faq-title" class="faq-title">
            {t("faqTitle")}
          </h3>
          <ul>
            {site.faqs.map((faq) => (
              <li key={faq.id}>
                <button type="button" class="faq-item" onClick={() => engine.askFaq(faq)}>
                  <span dir="auto">{faq.question}</span>
                  <ChevronIcon />
                </button>
              </li>
            ))}
          </ul>
        </section>
      )}
      {offerHuman && (
        <button type="button" class="human" onClick={() => engine.escalate()}>
          <PersonIcon />
          {t("talkToHuman")}
        </button>
      )}
    </li>
  );
}
