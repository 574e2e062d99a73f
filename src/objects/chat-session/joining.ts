import type { Principal } from "../../env";
import { ok, type Result } from "../../lib/result";
import { SYSTEM_EVENTS, type Metadata } from "../../protocol";
import type { ConversationState } from "../contracts";
import { lobbyOf } from "../stubs";
import type { MessageDraft } from "./message-log";
import { systemDraft } from "./senders";
import type { SessionStore } from "./session-store";
import { describeChange } from "./state-messages";

export interface JoiningDeps {
  env: Env;
  store: SessionStore;
  /** Takes the lobby's answer as the session's state, telling the room what changed. */
  adopt: (state: ConversationState) => void;
}

/** The system line to put before the message of the person who joined, at its time (ms); null for none. */
export type JoinLine = ((at: number) => MessageDraft) | null;

/**
 * True when a message by `principal` is preceded by the lobby's decision: an agent writing in a
 * support session someone else (or no one) has, a visitor writing into a closed one. Only then
 * can a repeated message (same `client_msg_id`) do more than its insert finds by itself.
 */
export function joinsFirst(store: SessionStore, principal: Principal): boolean {
  return principal.type === "agent" ? claims(store, principal) : reopens(store);
}

function claims(store: SessionStore, principal: Principal): boolean {
  return principal.type === "agent" && store.conversation().kind === "support" && store.state().agent?.id !== principal.id;
}

function reopens(store: SessionStore): boolean {
  return store.conversation().kind === "support" && store.state().status === "closed";
}

/**
 * An agent who writes in a support session takes it when free (SPEC §4.6); the lobby decides.
 * The result is the "joined" line, only from the claim that changed the state: concurrent ones
 * from the same agent say nothing.
 */
export async function claimForAgent(deps: JoiningDeps, principal: Principal): Promise<Result<JoinLine>> {
  const { env, store } = deps;
  if (!claims(store, principal)) return ok(null);
  const ref = store.conversation();
  const request = { type: "assign", agent: { id: principal.id, name: principal.name } } as const;
  const claimed = await lobbyOf(env, ref.workspaceId).claim({ ref, state: store.confirmedState() }, request.agent);
  if (!claimed.ok) return claimed;
  deps.adopt(claimed.value.state);
  store.setListed(true);
  const note = claimed.value.changed && store.noteVersion(claimed.value.state.version) ? describeChange(request) : null;
  return ok(note ? (at) => systemDraft(note.event, note.content, at, note.metadata) : null);
}

/**
 * A visitor writing into a closed conversation reopens it before their message is stored: to
 * its last agent when that agent is available, else to the queue if a human was ever asked
 * for, else back to the bot. The lobby decides, since only it knows who is available; the
 * result is the "reopened" line, or null when nothing reopened.
 */
export async function reopenForVisitor(deps: JoiningDeps): Promise<Result<JoinLine>> {
  const { env, store } = deps;
  if (!reopens(store)) return ok(null);
  const ref = store.conversation();
  const answer = await lobbyOf(env, ref.workspaceId).reopen({ ref, state: store.confirmedState() }, store.reopenHistory());
  deps.adopt(answer.state);
  if (!answer.reopened) return ok(null);
  store.setListed(true);
  const { status, agent } = answer.state;
  const metadata: Metadata = agent ? { status, agent_name: agent.name } : { status };
  const content = agent ? `The conversation was reopened and is back with ${agent.name}` : "The conversation was reopened";
  return ok((at) => systemDraft(SYSTEM_EVENTS.reopened, content, at, metadata));
}
