import type { Principal } from "../../env";
import type { Metadata, SenderType } from "../../protocol";
import type { MessageDraft } from "./message-log";

/** Fixed identities of messages no person wrote. */
export const BOT_SENDER = { senderId: "bot", senderType: "bot", senderName: "Assistant" } as const;
export const SYSTEM_SENDER = { senderId: "system", senderType: "system", senderName: "Parley" } as const;

export function senderOf(principal: Principal): Pick<MessageDraft, "senderId" | "senderType" | "senderName"> {
  return {
    senderId: principal.id,
    senderType: principal.type === "visitor" ? "user" : "agent",
    senderName: principal.name,
  };
}

/** Which read cursor a principal moves: the visitor's side or the agents' side. */
export function sideOf(principal: Principal): Extract<SenderType, "user" | "agent"> {
  return principal.type === "visitor" ? "user" : "agent";
}

/**
 * A system message; `event` lets clients show it in their own language, `content` is the
 * English fallback.
 */
export function systemDraft(event: string, content: string, at: number, extra: Metadata = {}): MessageDraft {
  return { ...SYSTEM_SENDER, content, at, metadata: { event, ...extra } };
}
