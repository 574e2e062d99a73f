import type { ComponentChildren } from "preact";
import { useEffect, useRef } from "preact/hooks";
import "./confirm-dialog.css";

let nextId = 1;

/**
 * Asks before something that cannot be undone, as a modal dialog: the browser keeps focus inside
 * it and closes it on Escape; focus starts on Cancel and goes back to where it was. `onClose`
 * says whether the admin confirmed.
 */
export function ConfirmDialog(props: {
  title: string;
  children: ComponentChildren;
  confirmLabel: string;
  danger?: boolean;
  onClose: (confirmed: boolean) => void;
}) {
  const dialog = useRef<HTMLDialogElement>(null);
  const cancel = useRef<HTMLButtonElement>(null);
  const confirmed = useRef(false);
  const ids = useRef({ title: `confirm-title-${nextId}`, body: `confirm-body-${nextId++}` });

  useEffect(() => {
    const before = document.activeElement as HTMLElement | null;
    dialog.current?.showModal();
    cancel.current?.focus();
    return () => before?.focus();
  }, []);

  const close = (answer: boolean) => {
    confirmed.current = answer;
    dialog.current?.close();
  };

  return (
    <dialog
      ref={dialog}
      class="dialog-card confirm-dialog"
      aria-labelledby={ids.current.title}
      aria-describedby={ids.current.body}
      onClose={() => props.onClose(confirmed.current)}
    >
      <h2 id={ids.current.title}>{props.title}</h2>
      <div id={ids.current.body} class="confirm-dialog__body">
        {props.children}
      </div>
      <div class="confirm-dialog__actions">
        <button ref={cancel} type="button" class="button" onClick={() => close(false)}>
          Cancel
        </button>
        <button type="button" class={props.danger ? "button button--destructive" : "button button--primary"} onClick={() => close(true)}>
          {props.confirmLabel}
        </button>
      </div>
    </dialog>
  );
}
