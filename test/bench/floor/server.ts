import { createServer } from "node:http";
import { randomUUID } from "node:crypto";
import { WebSocketServer, type WebSocket } from "ws";

/**
 * The bare floor of `npm run bench`: a Node `ws` broadcast server, run as its own process so its
 * CPU is its own. `/room/:name` passes every frame as is to every socket of the room, the sender's too (as
 * do-floor does);
 * `POST /init` answers a small JSON body. Usage: `node --import tsx server.ts PORT`.
 */
const port = Number(process.argv[2]);
const rooms = new Map<string, Set<WebSocket>>();
const wss = new WebSocketServer({ noServer: true, perMessageDeflate: false });

const server = createServer((request, response) => {
  if (request.url === "/init" && request.method === "POST") {
    request.resume();
    request.on("end", () => {
      response.writeHead(200, { "Content-Type": "application/json" });
      response.end(JSON.stringify({ session_id: randomUUID() }));
    });
    return;
  }
  response.writeHead(request.url === "/health" ? 200 : 404).end();
});

server.on("upgrade", (request, socket, head) => {
  const name = /^\/room\/([\w-]{1,64})$/.exec(request.url ?? "")?.[1];
  if (!name) return socket.destroy();
  wss.handleUpgrade(request, socket, head, (ws) => {
    const room = rooms.get(name) ?? new Set<WebSocket>();
    rooms.set(name, room);
    room.add(ws);
    ws.on("message", (data, isBinary) => {
      for (const socket of room) if (socket.readyState === socket.OPEN) socket.send(data, { binary: isBinary });
    });
    ws.on("close", () => {
      room.delete(ws);
      if (room.size === 0) rooms.delete(name);
    });
  });
});

server.listen(port, "127.0.0.1", () => console.log("listening"));
