import type { IncomingMessage } from "node:http";
import type WebSocket from "ws";
import { findHttpRoute } from "../../../src/protocol";
import { assertMatchesContract } from "../../shared/api-contract";
import type { DevServer } from "./dev-server";

export interface ApiCall {
  /** GET without a body, POST with one, unless given. */
  method?: "GET" | "POST" | "PATCH" | "PUT" | "DELETE";
  /** Sent as JSON. */
  body?: unknown;
  /** A visitor token, sent as `Authorization: Bearer`. */
  token?: string;
  /** An agent's session cookie, `name=value`. */
  cookie?: string;
  headers?: Record<string, string>;
}

/**
 * How long a call waits for the answer's headers (ms). The API answers in milliseconds; a request
 * unanswered this long is lost in `wrangler dev`'s proxy (see `PageTrouble`), and without a
 * bound it would wait out the whole test's timeout and say nothing.
 */
const ANSWER_WAIT_MS = 30_000;

/**
 * Calls the dev server's API from the server's own origin, as the widget and the dashboard do,
 * and checks the answer against the contract (`HTTP_API`) before the test reads it, so a server
 * that drifts fails the test that saw it. A GET left unanswered is asked once more (it changes
 * nothing); any other lost call throws, naming the call and what the server printed last.
 */
export async function callApi(server: DevServer, path: string, call: ApiCall = {}): Promise<Response> {
  const method = call.method ?? (call.body === undefined ? "GET" : "POST");
  const url = `${server.origin}${path}`;
  const lost = new Error("no answer");
  // Bounds the wait for the headers only: a test may read a body whenever it likes.
  const send = async () => {
    const giveUp = new AbortController();
    const timer = setTimeout(() => giveUp.abort(lost), ANSWER_WAIT_MS);
    try {
      return await fetch(url, {
        method,
        headers: {
          Origin: server.origin,
          ...(call.body === undefined ? {} : { "Content-Type": "application/json" }),
          ...(call.token ? { Authorization: `Bearer ${call.token}` } : {}),
          ...(call.cookie ? { Cookie: call.cookie } : {}),
          ...call.headers,
        },
        body: call.body === undefined ? undefined : JSON.stringify(call.body),
        signal: giveUp.signal,
      });
    } finally {
      clearTimeout(timer);
    }
  };
  const response = await send().catch(async (error: unknown) => {
    if (error !== lost) throw error;
    const what = `${method} ${path} had no answer in ${ANSWER_WAIT_MS} ms`;
    if (method !== "GET") throw new Error(`${what}; the server printed last:\n${server.logTail()}`);
    console.warn(`${what}: asking once more`);
    return send();
  });
  await assertMatchesContract(method, url, response);
  return response;
}

/**
 * `callApi` for a call that must succeed: the answer's body, already checked against the route's
 * schema. A failure throws with the server's own words.
 */
export async function apiJson<T>(server: DevServer, path: string, call: ApiCall = {}): Promise<T> {
  const response = await callApi(server, path, call);
  if (!response.ok) throw new Error(`${path} failed: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

/**
 * Resolves once `ws` is open, checking the upgrade's answer against the contract: a 101 must
 * come from a route the contract lists as an upgrade, and a refusal must carry the API's error
 * body (a 5xx fails). Takes a socket the caller already listens on, so no frame is missed.
 */
export function whenOpen(ws: WebSocket): Promise<void> {
  const url = ws.url.replace(/^ws/, "http");
  return new Promise<void>((resolve, reject) => {
    ws.once("upgrade", (response: IncomingMessage) => {
      if (findHttpRoute("GET", new URL(url).pathname)?.ok.body === "upgrade") return;
      reject(new Error(`GET ${url} → ${response.statusCode}: the contract lists no upgrade here`));
      ws.terminate();
    });
    ws.once("open", () => resolve());
    ws.on("error", reject);
    ws.once("unexpected-response", (request, response) => {
      void refusal(url, response)
        .then(reject, reject)
        .finally(() => request.destroy());
    });
  });
}

/** The refused upgrade as an error, once its answer has been checked against the contract. */
async function refusal(url: string, answer: IncomingMessage): Promise<Error> {
  const chunks: Buffer[] = [];
  for await (const chunk of answer) chunks.push(chunk as Buffer);
  const body = Buffer.concat(chunks).toString();
  await assertMatchesContract("GET", url, new Response(body, { status: answer.statusCode }));
  return new Error(`upgrade refused: ${answer.statusCode} ${body}`);
}
