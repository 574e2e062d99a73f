import type { Page } from "playwright-core";
import { expect } from "vitest";
import type { SessionInitResponse } from "../../../src/protocol";
import { callApi } from "./api";
import type { DevServer } from "./dev-server";

/** One token of a person's message budget comes back this often (CHAT_RATE_PER_SECOND = 5). */
const BUDGET_REFILL_MS = 200;
/** Older messages refused for the rate limit are asked for again 2 s later, and may be refused again. */
export const OLDER_RETRY_TIMEOUT_MS = 10_000;

/**
 * Posts a visitor message over REST. Seeding a long history spends the visitor's whole burst,
 * so a refusal for the budget is sent again until the budget has a token for it.
 */
export async function sayWithinBudget(server: DevServer, session: SessionInitResponse, content: string, clientMsgId: string): Promise<void> {
  const say = () =>
    callApi(server, `/api/chat/${session.session_id}/messages`, {
      token: session.visitor_token,
      body: { content, client_msg_id: clientMsgId },
    }).then((response) => response.status);
  await expect.poll(say, { interval: BUDGET_REFILL_MS, timeout: 10_000 }).toBe(201);
}

/**
 * Sits between `page` and its conversation sockets, and does not pass on the first `load_older`
 * the page sends: `refused` answers it as the server answers a frame over the rate limit (SPEC
 * §6), `lost` closes that connection as if it had dropped. Returns how many `load_older` frames
 * the page has sent so far.
 */
export async function withholdFirstOlderPage(page: Page, how: "refused" | "lost"): Promise<() => number> {
  let asked = 0;
  await page.routeWebSocket(/\/ws\/chat\//, (socket) => {
    const server = socket.connectToServer();
    socket.onMessage((message) => {
      const asksOlder = String(message).startsWith('{"type":"load_older"');
      if (!asksOlder || asked++ > 0) return server.send(message);
      if (how === "refused") return socket.send(JSON.stringify({ type: "error", code: "rate_limited", message: "Too many messages; slow down" }));
      void server.close();
      void socket.close({ code: 1001, reason: "Going away" });
    });
    server.onMessage((message) => socket.send(message));
  });
  return () => asked;
}
