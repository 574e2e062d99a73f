import { app } from "./app";
import { purgeTeamChats } from "./jobs/purge-team-chats";

export { AgentLobby } from "./objects/agent-lobby";
export { ChatSession } from "./objects/chat-session";

export default {
  fetch: app.fetch,
  /** The Cron Trigger of wrangler.toml (SPEC §11): purges what every member deleted. */
  scheduled(_controller, env, ctx) {
    ctx.waitUntil(purgeTeamChats(env));
  },
} satisfies ExportedHandler<Env>;
