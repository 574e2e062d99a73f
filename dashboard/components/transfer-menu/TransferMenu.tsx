import { useSignal } from "@preact/signals";
import { useEffect, useRef } from "preact/hooks";
import { team } from "../../state/team";
import { Avatar } from "../avatar/Avatar";
import { Icon } from "../icon/Icon";
import "./transfer-menu.css";

/**
 * "Transfer" and its list of colleagues, online first. Opens on click, moves with the arrow
 * keys, closes on Escape or a click elsewhere and gives focus back to the button.
 */
export function TransferMenu(props: { holderId: string; disabled: boolean; busyLabel: string | null; onPick: (agentId: string) => void }) {
  const open = useSignal(false);
  const root = useRef<HTMLDivElement>(null);
  const trigger = useRef<HTMLButtonElement>(null);
  const candidates = team.value.filter((agent) => agent.id !== props.holderId);

  const close = (refocus: boolean) => {
    open.value = false;
    if (refocus) trigger.current?.focus();
  };

  useEffect(() => {
    if (!open.value) return;
    root.current?.querySelector<HTMLButtonElement>(".transfer-menu__option")?.focus();
    const outside = (event: PointerEvent) => {
      if (!root.current?.contains(event.target as Node)) close(false);
    };
    document.addEventListener("pointerdown", outside);
    return () => document.removeEventListener("pointerdown", outside);
  }, [open.value]);

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === "Escape") {
      event.preventDefault();
      close(true);
      return;
    }
    if (event.key !== "ArrowDown" && event.key !== "ArrowUp") return;
    event.preventDefault();
    const options = [...(root.current?.querySelectorAll<HTMLButtonElement>(".transfer-menu__option") ?? [])];
    const index = options.indexOf(document.activeElement as HTMLButtonElement);
    const step = event.key === "ArrowDown" ? 1 : -1;
    options[(index + step + options.length) % options.length]?.focus();
  };

  return (
    <div class="transfer-menu" ref={root} onKeyDown={onKeyDown}>
      <button
        ref={trigger}
        type="button"
        class="button"
        aria-haspopup="true"
        aria-expanded={open.value}
        disabled={props.disabled}
        onClick={() => (open.value = !open.value)}
      >
        <Icon name="transfer" />
        {props.busyLabel ?? "Transfer"}
        <Icon name="chevronDown" size={14} />
      </button>
      {open.value && (
        <div class="transfer-menu__popover" role="group" aria-label="Transfer to">
          <p class="transfer-menu__title">Transfer to</p>
          {candidates.length === 0 ? (
            <p class="transfer-menu__empty">Nobody else is in this workspace yet.</p>
          ) : (
            <ul class="transfer-menu__list">
              {candidates.map((agent) => (
                <li key={agent.id}>
                  <button
                    type="button"
                    class="transfer-menu__option"
                    onClick={() => {
                      close(true);
                      props.onPick(agent.id);
                    }}
                  >
                    <Avatar id={agent.id} name={agent.name} size="sm" kind="agent" online={agent.online} />
                    <span class="transfer-menu__name">{agent.name}</span>
                    <span class="transfer-menu__presence">{agent.online ? "Online" : "Offline"}</span>
                  </button>
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
    </div>
  );
}
