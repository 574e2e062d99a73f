import WebSocket from "ws";
import type { DashboardClientFrame, DashboardServerFrame } from "../../../src/protocol";
import { FrameInbox } from "../../shared/frame-inbox";
import type { DevServer } from "./dev-server";

/** An agent on the dashboard socket (SPEC §7), to act on the other side of a widget conversation. */
export class AgentClient extends FrameInbox<DashboardServerFrame> {
  private constructor(private readonly ws: WebSocket) {
    super();
    ws.on("message", (data) => this.push(JSON.parse(data.toString()) as DashboardServerFrame));
    ws.on("close", (code, reason) => this.close(code, reason.toString()));
  }

  static async login(server: DevServer, email: string, password: string): Promise<AgentClient> {
    const response = await fetch(`${server.origin}/api/auth/login`, {
      method: "POST",
      headers: { "Content-Type": "application/json", Origin: server.origin },
      body: JSON.stringify({ email, password }),
    });
    if (!response.ok) throw new Error(`login failed: ${response.status} ${await response.text()}`);
    const cookie = response.headers.get("set-cookie")!.split(";")[0]!;
    const ws = new WebSocket(`${server.wsOrigin}/api/dashboard/ws`, { headers: { Cookie: cookie }, origin: server.origin });
    const client = new AgentClient(ws);
    await new Promise<void>((resolve, reject) => {
      ws.once("open", () => resolve());
      ws.once("error", reject);
      ws.once("unexpected-response", (_, refused) => reject(new Error(`dashboard socket refused: ${refused.statusCode}`)));
    });
    await client.next("connected");
    return client;
  }

  send(frame: DashboardClientFrame): void {
    this.ws.send(JSON.stringify(frame));
  }

  end(): void {
    this.ws.close(1000, "done");
  }
}
