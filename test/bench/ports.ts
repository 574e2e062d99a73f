import { createServer } from "node:net";

/** Below Linux's ephemeral range (32768+), like test/e2e/support/dev-server.ts. */
const PORT_RANGE = { from: 20_000, to: 30_000 };

function isFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.once("error", () => resolve(false));
    probe.listen(port, "127.0.0.1", () => probe.close(() => resolve(true)));
  });
}

/** A free port whose next port (wrangler's inspector) is free too. */
export async function freePortPair(): Promise<number> {
  for (;;) {
    const port = PORT_RANGE.from + 2 * Math.floor((Math.random() * (PORT_RANGE.to - PORT_RANGE.from)) / 2);
    if ((await isFree(port)) && (await isFree(port + 1))) return port;
  }
}
