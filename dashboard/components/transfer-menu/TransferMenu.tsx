import { usePopover } from "../../lib/use-popover";
import { presenceOf, team } from "../../state/team";
import { Avatar } from "../avatar/Avatar";
import { Icon } from "../icon/Icon";
import "./transfer-menu.css";

const PRESENCE_LABELS = { online: "Online", away: "Away", offline: "Offline" } as const;

/**
 * "Transfer" and its list of colleagues, online first. Opens on click, moves with the arrow
 * keys, closes on Escape or a click elsewhere and gives focus back to the button.
 */
export function TransferMenu(props: { holderId: string; disabled: boolean; busyLabel: string | null; onPick: (agentId: string) => void }) {
  const { open, root, trigger, close, onKeyDown } = usePopover("transfer-menu__option");
  const candidates = team.value.filter((agent) => agent.id !== props.holderId);

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
        <div class="popover transfer-menu__popover" role="group" aria-label="Transfer to">
          <p class="popover__title">Transfer to</p>
          {candidates.length === 0 ? (
            <p class="transfer-menu__empty">Nobody else is in this workspace yet.</p>
          ) : (
            <ul class="transfer-menu__list">
              {candidates.map((agent) => (
                <li key={agent.id}>
                  <button
                    type="button"
                    class="popover__option transfer-menu__option"
                    onClick={() => {
                      close(true);
                      props.onPick(agent.id);
                    }}
                  >
                    <Avatar id={agent.id} name={agent.name} size="sm" kind="agent" presence={presenceOf(agent)} />
                    <span class="transfer-menu__name">{agent.name}</span>
                    <span class="transfer-menu__presence">{PRESENCE_LABELS[presenceOf(agent)]}</span>
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
