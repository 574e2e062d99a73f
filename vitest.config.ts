import { fileURLToPath } from "node:url";
import { cloudflareTest, readD1Migrations } from "@cloudflare/vitest-pool-workers";
import { defineConfig } from "vitest/config";

/** A fixed secret for tests only; real deployments set VISITOR_TOKEN_SECRET as a Worker secret. */
const TEST_TOKEN_SECRET = "test-visitor-token-secret";

/**
 * Vars over wrangler.toml's, as JSON: the bench runs test/worker/write-cost.test.ts with the report
 * windows its Parley runs with (test/bench/write-cost.ts). Tests otherwise run with production's.
 */
const EXTRA_VARS = JSON.parse(process.env.PARLEY_TEST_VARS ?? "{}") as Record<string, string>;

export default defineConfig(async () => {
  const migrations = await readD1Migrations("migrations");
  return {
    test: {
      // The structured JSON logs are for production; tests print only what they measure.
      onConsoleLog: (log: string) => !log.includes('{"event":'),
      // Two files at a time in every project: an e2e file has its own dev server (own port and
      // state) and browser, and much of its time is waiting on them, so a 2-core machine runs two well.
      maxWorkers: 2,
      projects: [
        {
          plugins: [
            cloudflareTest({
              wrangler: { configPath: "./wrangler.toml" },
              miniflare: { bindings: { TEST_MIGRATIONS: migrations, VISITOR_TOKEN_SECRET: TEST_TOKEN_SECRET, ...EXTRA_VARS } },
            }),
          ],
          test: {
            name: "worker",
            include: ["test/worker/**/*.test.ts"],
            setupFiles: ["test/worker/setup.ts"],
            testTimeout: 30_000,
          },
        },
        {
          // The browser kit the widget and the dashboard share (widget/shared), in node with fakes.
          resolve: { alias: { "@parley/protocol": fileURLToPath(new URL("./src/protocol", import.meta.url)) } },
          test: {
            name: "browser-kit",
            include: ["test/browser-kit/**/*.test.ts"],
            environment: "node",
          },
        },
        {
          test: {
            name: "e2e",
            include: ["test/e2e/**/*.test.ts"],
            globalSetup: ["test/e2e/global-setup.ts"],
            environment: "node",
            testTimeout: 180_000,
            hookTimeout: 120_000,
          },
        },
      ],
    },
  };
});
