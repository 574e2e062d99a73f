import { app } from "./app";
import { purgeTeamChats } from "./jobs/purge-team-chats";

export { AgentLobby } from "./objects/agent-lobby";
export { ChatSession } from "./objects/chat-session";

export default {
  fetch: app.fetch,
  /**
   * The Cron Trigger of wrangler.toml (SPEC §11): purges what every member deleted. Closing what
   * timed out (SPEC §4.8) needs no Cron run: each workspace's lobby keeps its alarm at the moment
   * its quietest open session times out (src/objects/agent-lobby/idle-sweep.ts, tested in
   * test/worker/timeout.test.ts), which is sooner than any schedule and touches no idle workspace.
   */
  scheduled(_controller, env, ctx) {
    ctx.waitUntil(purgeTeamChats(env));
  },
} satisfies ExportedHandler<Env>;
