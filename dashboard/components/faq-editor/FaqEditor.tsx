import { useSignal } from "@preact/signals";
import type { Faq } from "@parley/protocol";
import { FAQS_PER_SITE_MAX } from "@parley/protocol/limits";
import { useEffect, useLayoutEffect, useRef } from "preact/hooks";
import { showNotice } from "../../state/notices";
import { addFaq, deleteFaq, faqs, faqsFailed, loadFaqs, moveFaq, updateFaq } from "../../state/settings/faq-admin";
import { ConfirmDialog } from "../confirm-dialog/ConfirmDialog";
import { Icon } from "../icon/Icon";
import { FaqForm } from "./FaqForm";
import "./faq-editor.css";

/**
 * A site's FAQs (SPEC §5), in the order the widget shows them: add, edit, delete, and move up or
 * down with buttons (keyboard first); every move saves the whole order.
 */
export function FaqEditor({ siteId }: { siteId: string }) {
  const editing = useSignal<string | "new" | null>(null);
  const deleting = useSignal<Faq | null>(null);
  const moved = useSignal("");
  const list = useRef<HTMLOListElement>(null);
  useEffect(() => void loadFaqs(siteId), [siteId]);

  /** The button to focus once the list has been drawn in its new order: moving a row in the page takes focus from it. */
  const refocus = useRef<{ id: string; button: "up" | "down" } | null>(null);
  useLayoutEffect(() => {
    const wanted = refocus.current;
    if (!wanted) return;
    refocus.current = null;
    const row = list.current?.querySelector(`[data-faq="${wanted.id}"]`);
    // At either end its own button is disabled: the other one of the row, then.
    (row?.querySelector<HTMLButtonElement>(`.faq-row__${wanted.button}:not(:disabled)`) ?? row?.querySelector<HTMLButtonElement>(".faq-row__move:not(:disabled)"))?.focus();
  });

  const move = async (faq: Faq, step: -1 | 1, button: "up" | "down") => {
    refocus.current = { id: faq.id, button };
    try {
      await moveFaq(siteId, faq.id, step);
    } catch (error) {
      refocus.current = { id: faq.id, button };
      showNotice({ tone: "error", text: `The new order was not saved: ${error instanceof Error ? error.message : "try again"}` });
    }
    const all = faqs.peek() ?? [];
    moved.value = `"${faq.question}" is now number ${all.findIndex((other) => other.id === faq.id) + 1} of ${all.length}.`;
  };

  const items = faqs.value;
  if (faqsFailed.value) return <p class="form-error">{faqsFailed.value}</p>;
  if (!items) return <p class="settings-loading" role="status">Loading FAQs…</p>;
  return (
    <div class="faq-editor">
      {items.length === 0 && editing.value !== "new" && <p class="faq-editor__empty">No FAQs yet. Visitors see them as buttons under the greeting.</p>}
      <ol ref={list} class="faq-editor__list" aria-label="FAQs, in the widget's order">
        {items.map((faq, index) =>
          editing.value === faq.id ? (
            <li key={faq.id} class="faq-row faq-row--editing" data-faq={faq.id}>
              <FaqForm faq={faq} save={(body) => updateFaq(faq.id, body)} onDone={() => (editing.value = null)} />
            </li>
          ) : (
            <li key={faq.id} class="faq-row" data-faq={faq.id}>
              <span class="faq-row__number" aria-hidden="true">
                {index + 1}
              </span>
              <div class="faq-row__text">
                <p class="faq-row__question">{faq.question}</p>
                <p class="faq-row__answer">{faq.answer}</p>
              </div>
              <div class="faq-row__actions" role="group" aria-label={`FAQ ${index + 1}: ${faq.question}`}>
                <button type="button" class="button button--quiet icon-button faq-row__move faq-row__up" aria-label="Move up" disabled={index === 0} onClick={() => move(faq, -1, "up")}>
                  <Icon name="arrowUp" />
                </button>
                <button
                  type="button"
                  class="button button--quiet icon-button faq-row__move faq-row__down"
                  aria-label="Move down"
                  disabled={index === items.length - 1}
                  onClick={() => move(faq, 1, "down")}
                >
                  <Icon name="arrowDown" />
                </button>
                <button type="button" class="button button--quiet icon-button" aria-label="Edit" onClick={() => (editing.value = faq.id)}>
                  <Icon name="edit" />
                </button>
                <button type="button" class="button button--quiet icon-button button--danger" aria-label="Delete" onClick={() => (deleting.value = faq)}>
                  <Icon name="trash" />
                </button>
              </div>
            </li>
          ),
        )}
      </ol>
      <p class="visually-hidden" role="status">
        {moved.value}
      </p>
      {editing.value === "new" ? (
        <div class="faq-row faq-row--editing">
          <FaqForm faq={null} save={(body) => addFaq(siteId, body)} onDone={() => (editing.value = null)} />
        </div>
      ) : (
        <button type="button" class="button faq-editor__add" disabled={items.length >= FAQS_PER_SITE_MAX} onClick={() => (editing.value = "new")}>
          <Icon name="plus" />
          Add FAQ
        </button>
      )}
      {deleting.value && (
        <ConfirmDialog
          title="Delete this FAQ?"
          confirmLabel="Delete FAQ"
          danger
          onClose={(confirmed) => {
            const faq = deleting.value!;
            deleting.value = null;
            if (confirmed) deleteFaq(faq.id).catch((error: Error) => showNotice({ tone: "error", text: `The FAQ was not deleted: ${error.message}` }));
          }}
        >
          <p>"{deleting.peek()?.question}" leaves the widget at once. Conversations that used it keep their messages.</p>
        </ConfirmDialog>
      )}
    </div>
  );
}
