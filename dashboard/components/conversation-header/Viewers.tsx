import type { AgentRef } from "@parley/protocol";
import { Icon } from "../icon/Icon";

/** Past this many, the rest are counted: the line must stay one glance long. */
const NAMED_MAX = 3;

const NAME_LIST = new Intl.ListFormat("en", { type: "conjunction" });

/**
 * The colleagues who have the conversation open too ("Sam is viewing", "Sam and Ada are
 * viewing"), so two agents see each other before both answer.
 */
export function Viewers({ agents }: { agents: readonly AgentRef[] }) {
  if (agents.length === 0) return null;
  const names = agents.map((agent) => agent.name);
  const shown = names.length > NAMED_MAX ? [...names.slice(0, NAMED_MAX - 1), `${names.length - NAMED_MAX + 1} others`] : names;
  const text = `${NAME_LIST.format(shown)} ${names.length === 1 ? "is" : "are"} viewing`;
  return (
    <span class="conversation-header__viewers" title={names.length > NAMED_MAX ? names.join(", ") : undefined}>
      <Icon name="eye" size={14} />
      {text}
    </span>
  );
}
