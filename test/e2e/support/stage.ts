import type { Browser } from "playwright-core";
import { afterAll, beforeAll } from "vitest";
import { launchBrowser } from "./browser";
import { DevServer } from "./dev-server";

export interface Stage {
  server: DevServer;
  browser: Browser;
}

/**
 * One `wrangler dev` and one Chromium for a whole test file, started before its first test and
 * stopped after its last. Read `stage.server` and `stage.browser` inside tests and later hooks.
 * `history` seeds the demo's report figures too.
 */
export function useStage(options: { history?: boolean } = {}): Stage {
  const stage = {} as Stage;
  beforeAll(async () => {
    [stage.server, stage.browser] = await Promise.all([DevServer.start(options), launchBrowser()]);
  });
  afterAll(async () => {
    await stage.browser?.close();
    await stage.server?.stop();
  });
  return stage;
}
