import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";

/** A web page on an origin of its own, as an embedder's site is: another port of 127.0.0.1. */
export interface HostPage {
  origin: string;
  close(): Promise<void>;
}

/**
 * Serves `html()` at every path from 127.0.0.1 on a free port. A real server, not a routed
 * response: Chromium lets such a page reach the dev server (both are loopback) over fetch and
 * WebSocket alike.
 */
export async function serveHostPage(html: () => string): Promise<HostPage> {
  const server: Server = createServer((_request, response) => {
    response.writeHead(200, { "Content-Type": "text/html; charset=utf-8", "Cache-Control": "no-store" });
    response.end(html());
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
