import type { ConversationStatus } from "@parley/protocol";
import "./status-pill.css";

const LABELS: Record<ConversationStatus, string> = {
  bot: "Bot",
  waiting: "Waiting",
  assigned: "Assigned",
  closed: "Closed",
  open: "Open",
};

export function StatusPill({ status }: { status: ConversationStatus }) {
  return <span class={`status-pill status-pill--${status}`}>{LABELS[status]}</span>;
}
