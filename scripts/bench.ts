import WebSocket from "ws";
import { DevServer } from "../test/e2e/support/dev-server";
import type { ServerFrame, SessionInitResponse } from "../src/protocol";

/**
 * `npm run bench`: message delivery on a local `wrangler dev`, measured side by side in one run.
 * Socket path (send on one tab, arrival on the other) against the REST path (POST, 201), so the
 * ratio holds even on a busy machine where absolute numbers do not.
 */
const SESSIONS = 8;
const MESSAGES_PER_SESSION = 25;

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

function summary(name: string, samples: number[], wallMs: number): string {
  const sorted = [...samples].sort((a, b) => a - b);
  const rate = (samples.length / wallMs) * 1000;
  return `${name.padEnd(26)} n=${samples.length}  p50=${percentile(sorted, 50).toFixed(1)} ms  p95=${percentile(sorted, 95).toFixed(1)} ms  p99=${percentile(sorted, 99).toFixed(1)} ms  ${rate.toFixed(0)} msg/s`;
}

async function session(server: DevServer, i: number): Promise<SessionInitResponse> {
  const response = await fetch(`${server.origin}/api/widget/demo/session`, {
    method: "POST",
    headers: { "Content-Type": "application/json", Origin: server.origin, "CF-Connecting-IP": `10.9.0.${i}` },
    body: JSON.stringify({ browser_session_id: `bench-browser-${i}-${Date.now()}` }),
  });
  return (await response.json()) as SessionInitResponse;
}

function socket(server: DevServer, s: SessionInitResponse, onFrame: (frame: ServerFrame) => void): Promise<WebSocket> {
  const ws = new WebSocket(`${server.wsOrigin}/ws/chat/${s.session_id}`, ["parley.v1", `bearer.${s.visitor_token}`], { origin: server.origin });
  ws.on("message", (data) => onFrame(JSON.parse(data.toString()) as ServerFrame));
  return new Promise((resolve, reject) => {
    ws.once("open", () => resolve(ws));
    ws.once("error", reject);
  });
}

async function socketRound(server: DevServer): Promise<{ samples: number[]; wallMs: number }> {
  const samples: number[] = [];
  const started = performance.now();
  await Promise.all(
    Array.from({ length: SESSIONS }, async (_, i) => {
      const s = await session(server, i);
      const sentAt = new Map<string, number>();
      let done = 0;
      let finish: () => void = () => {};
      const finished = new Promise<void>((resolve) => (finish = resolve));
      const sender = await socket(server, s, () => {});
      await socket(server, s, (frame) => {
        if (frame.type !== "message" || !frame.message.client_msg_id) return;
        const at = sentAt.get(frame.message.client_msg_id);
        if (at === undefined) return;
        samples.push(performance.now() - at);
        if (++done === MESSAGES_PER_SESSION) finish();
      });
      for (let m = 0; m < MESSAGES_PER_SESSION; m++) {
        const id = `bench-${i}-${m}`;
        sentAt.set(id, performance.now());
        sender.send(JSON.stringify({ type: "message", client_msg_id: id, content: `benchmark message ${m}` }));
        await new Promise((resolve) => setTimeout(resolve, 40));
      }
      await finished;
    }),
  );
  return { samples, wallMs: performance.now() - started };
}

async function restRound(server: DevServer): Promise<{ samples: number[]; wallMs: number }> {
  const samples: number[] = [];
  const started = performance.now();
  await Promise.all(
    Array.from({ length: SESSIONS }, async (_, i) => {
      const s = await session(server, 100 + i);
      for (let m = 0; m < MESSAGES_PER_SESSION; m++) {
        const at = performance.now();
        const response = await fetch(`${server.origin}/api/chat/${s.session_id}/messages`, {
          method: "POST",
          headers: { "Content-Type": "application/json", Authorization: `Bearer ${s.visitor_token}`, Origin: server.origin },
          body: JSON.stringify({ content: `benchmark message ${m}`, client_msg_id: `rest-${i}-${m}` }),
        });
        if (response.status === 201) samples.push(performance.now() - at);
        await new Promise((resolve) => setTimeout(resolve, 40));
      }
    }),
  );
  return { samples, wallMs: performance.now() - started };
}

const server = await DevServer.start();
try {
  await socketRound(server);
  const ws = await socketRound(server);
  const rest = await restRound(server);
  const wsP50 = percentile([...ws.samples].sort((a, b) => a - b), 50);
  const restP50 = percentile([...rest.samples].sort((a, b) => a - b), 50);
  console.log(`Parley message delivery on wrangler dev (${SESSIONS} sessions x ${MESSAGES_PER_SESSION} messages, one warm-up round)`);
  console.log(summary("socket send -> other tab", ws.samples, ws.wallMs));
  console.log(summary("REST POST -> 201", rest.samples, rest.wallMs));
  console.log(`ratio REST p50 / socket p50: ${(restP50 / wsP50).toFixed(2)}x`);
} finally {
  await server.stop();
}
