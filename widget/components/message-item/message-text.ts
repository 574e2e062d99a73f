import type { Message, MessageAction } from "@parley/protocol";
import { SYSTEM_EVENTS } from "@parley/protocol/system-events";
import type { Translate } from "../../i18n";

/** The best score of the visitor's satisfaction rating, which runs from 1 (SPEC §11). */
export const RATING_MAX = 5;

/** Who wrote it, as the visitor reads it. */
export function senderName(message: Message, t: Translate): string {
  if (message.sender_type === "user") return t("you");
  if (message.sender_type === "bot") return t("assistant");
  return message.sender_name;
}

/**
 * A system message in the visitor's language, from its `metadata.event`; the server's English
 * `content` is the fallback for events this widget does not know.
 */
export function systemText(message: Message, t: Translate): string {
  const meta = message.metadata ?? {};
  const name = typeof meta.agent_name === "string" ? meta.agent_name : "";
  switch (meta.event) {
    case SYSTEM_EVENTS.escalated:
      return t("eventEscalated");
    case SYSTEM_EVENTS.agentJoined:
      return name ? t("eventAgentJoined", { name }) : message.content;
    case SYSTEM_EVENTS.agentLeft:
      return name ? t("eventAgentLeft", { name }) : message.content;
    case SYSTEM_EVENTS.closed:
      if (meta.reason === "timeout") return t("eventClosedTimeout");
      if (meta.reason === "site_deleted") return t("eventClosedSiteDeleted");
      return name ? t("eventClosedAgent", { name }) : message.content;
    case SYSTEM_EVENTS.reopened:
      return name ? t("eventReopenedWith", { name }) : t("eventReopened");
    case SYSTEM_EVENTS.rated:
      return typeof meta.score === "number" ? t("eventRated", { score: meta.score, max: RATING_MAX }) : message.content;
    default:
      return message.content;
  }
}

/** The text a message stands for in a list or an announcement. */
export function messageText(message: Message, t: Translate): string {
  return message.sender_type === "system" ? systemText(message, t) : message.content;
}

/** The bot's buttons under an answer (`metadata.actions`), limited to kinds this widget knows. */
export function actionsOf(message: Message): MessageAction[] {
  const actions = message.metadata?.actions;
  if (!Array.isArray(actions)) return [];
  return actions.filter(
    (action): action is MessageAction =>
      typeof action === "object" && action !== null && !Array.isArray(action) && action.type === "escalate" && typeof action.label === "string",
  );
}
