import { app } from "./app";
import { closeTimedOut } from "./jobs/close-timed-out";
import { purgeTeamChats } from "./jobs/purge-team-chats";
import { withOwnId } from "./lib/log";

export { AgentLobby } from "./objects/agent-lobby";
export { ChatSession } from "./objects/chat-session";

export default {
  fetch: app.fetch,
  /**
   * The Cron Trigger of wrangler.toml (SPEC §11): purges what every member deleted and closes
   * what timed out. Each workspace's lobby already closes its sessions at their deadlines
   * (src/objects/agent-lobby/idle-sweep.ts); the Cron's sweep over D1 catches any it missed.
   * The two jobs are independent: one failing does not stop the other.
   */
  scheduled(_controller, env, ctx) {
    ctx.waitUntil(withOwnId("cron", () => Promise.allSettled([purgeTeamChats(env), closeTimedOut(env)])));
  },
} satisfies ExportedHandler<Env>;
