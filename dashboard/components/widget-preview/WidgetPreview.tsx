import { useSignal } from "@preact/signals";
import type { Faq } from "@parley/protocol";
import { characters } from "@parley/protocol/text";
import { useLayoutEffect, useRef } from "preact/hooks";
import { applyTheme } from "../../../widget/loader/theme";
import type { SiteDraft } from "../../state/settings/site-draft";
import { previewStrings } from "./preview-strings";
import "./widget-preview.css";
import "./preview-panel.css";

/** The widget's own glyphs (widget/loader/bubble.ts, widget/components/icons.tsx). */
const CHAT_PATH = "M12 3a10 8.6 0 0 0-7.3 14.5L4 21.5l4.9-2.2A10 8.6 0 1 0 12 3z";
const CLOSE_PATH = "M6 6l12 12M18 6 6 18";
const CHEVRON_PATH = "M9 18l6-6-6-6";
const PERSON_PATH = "M20 21a8 8 0 0 0-16 0M12 13a4 4 0 1 0 0-8 4 4 0 0 0 0 8z";
const SEND_PATH = "M3.4 20.4 21 12 3.4 3.6 3.4 10l12.6 2-12.6 2z";

function Glyph({ d, filled = false, flip = false }: { d: string; filled?: boolean; flip?: boolean }) {
  return (
    <svg viewBox="0 0 24 24" class={flip ? "wp-icon wp-directional" : "wp-icon"}>
      <path d={d} fill={filled ? "currentColor" : "none"} stroke={filled ? "none" : "currentColor"} stroke-width="2" stroke-linecap="round" stroke-linejoin="round" />
    </svg>
  );
}

/**
 * The widget as a visitor would see it with the form's settings, redrawn as the admin types: the
 * bubble in its corner, the open panel in the site's colour and light/dark mode, the greeting,
 * the FAQ questions, the composer; or, in the away state (SPEC §12), the away message with the
 * email form, or nothing at all. A drawing: nothing in it can be focused or clicked.
 */
export function WidgetPreview({ draft, faqs }: { draft: SiteDraft; faqs: readonly Faq[] }) {
  const away = useSignal(false);
  const stage = useRef<HTMLDivElement>(null);
  const color = draft.color.value;
  const mode = draft.mode.value;
  const position = draft.position.value;
  useLayoutEffect(() => {
    if (stage.current && /^#[0-9a-f]{6}$/i.test(color)) applyTheme(stage.current, { color, mode, position });
  }, [color, mode, position]);

  const words = previewStrings(draft.locale.value);
  const name = draft.name.value.trim() || "Your site";
  const hidden = away.value && draft.whenAway.value === "hide";
  const summary = `${away.value ? "Away" : "Available"}: ${hidden ? "the widget is hidden" : `the panel of "${name}" in ${color}, ${mode === "auto" ? "following the visitor's light or dark setting" : mode}, bottom ${position}`}.`;

  return (
    <section class="widget-preview" aria-labelledby="widget-preview-title">
      <div class="widget-preview__bar">
        <h3 id="widget-preview-title" class="widget-preview__title">
          Preview
        </h3>
        <div class="segmented" role="group" aria-label="Preview state">
          {[false, true].map((state) => (
            <button key={String(state)} type="button" class="segmented__option" aria-pressed={away.value === state} onClick={() => (away.value = state)}>
              {state ? "Away" : "Available"}
            </button>
          ))}
        </div>
      </div>
      <p class="visually-hidden">{summary}</p>
      <div ref={stage} class="widget-preview__stage" dir={words.dir} aria-hidden="true">
        <div class="wp-page">
          <span class="wp-page__line wp-page__line--title" />
          <span class="wp-page__line" />
          <span class="wp-page__line wp-page__line--short" />
        </div>
        {hidden ? (
          <p class="wp-hidden-note" dir="ltr">
            Hidden while away: visitors see no widget.
          </p>
        ) : (
          <>
            <div class="wp-panel">
              <div class="wp-head">
                <span class="wp-avatar">{characters(name)[0]?.toUpperCase()}</span>
                <div class="wp-titles">
                  <p class="wp-title">{name}</p>
                  <p class="wp-subtitle">
                    <span class={away.value ? "wp-dot wp-dot--away" : "wp-dot"} />
                    {away.value ? words.awayNow : words.replySoon}
                  </p>
                </div>
                <span class="wp-close">
                  <Glyph d={CLOSE_PATH} />
                </span>
              </div>
              <div class="wp-scroller">
                {away.value ? <AwayBody draft={draft} words={words} name={name} /> : <AvailableBody draft={draft} faqs={faqs} words={words} name={name} />}
              </div>
              {!away.value && (
                <div class="wp-composer">
                  <div class="wp-field">
                    <span class="wp-placeholder">{words.placeholder}</span>
                    <span class="wp-send">
                      <Glyph d={SEND_PATH} filled flip />
                    </span>
                  </div>
                  <p class="wp-powered">{words.poweredBy}</p>
                </div>
              )}
            </div>
            <span class="wp-launcher">
              <Glyph d={CLOSE_PATH} />
            </span>
          </>
        )}
      </div>
    </section>
  );
}

type Words = ReturnType<typeof previewStrings>;

function AvailableBody({ draft, faqs, words, name }: { draft: SiteDraft; faqs: readonly Faq[]; words: Words; name: string }) {
  const greeting = draft.greeting.value.trim();
  return (
    <div class="wp-intro">
      {greeting && (
        <div class="wp-msg">
          <p class="wp-who">{name}</p>
          <p class="wp-bubble" dir="auto">
            {greeting}
          </p>
        </div>
      )}
      {faqs.length > 0 && (
        <div class="wp-faq">
          <p class="wp-faq__title">{words.faqTitle}</p>
          {faqs.map((faq) => (
            <span key={faq.id} class="wp-faq__item">
              <span dir="auto">{faq.question}</span>
              <Glyph d={CHEVRON_PATH} flip />
            </span>
          ))}
        </div>
      )}
      {draft.botEnabled.value && (
        <span class="wp-human">
          <Glyph d={PERSON_PATH} />
          {words.talkToHuman}
        </span>
      )}
    </div>
  );
}

function AwayBody({ draft, words, name }: { draft: SiteDraft; words: Words; name: string }) {
  return (
    <div class="wp-intro">
      <div class="wp-msg">
        <p class="wp-who">{name}</p>
        <p class="wp-bubble" dir="auto">
          {draft.awayMessage.value.trim() || words.awayDefault}
        </p>
      </div>
      <div class="wp-form">
        <p class="wp-form__title">{words.awayTitle}</p>
        <span class="wp-label">{words.email}</span>
        <span class="wp-input" dir="ltr">
          name@example.com
        </span>
        <span class="wp-label">{words.message}</span>
        <span class="wp-input wp-input--tall" />
        <span class="wp-submit">{words.leaveMessage}</span>
      </div>
    </div>
  );
}
