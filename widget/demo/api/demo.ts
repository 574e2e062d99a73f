import type { WidgetEventName } from "../../contract";

/** The demo site's identity secret. Real sites keep theirs on the server (see the page's note). */
const DEMO_IDENTITY_SECRET = "demo-identity-secret";
const EVENTS: WidgetEventName[] = ["ready", "open", "close", "message", "escalation", "connection"];

const byId = <T extends HTMLElement>(id: string): T => document.getElementById(id) as T;
const parley = (command: string, ...args: unknown[]): unknown => window.Parley?.(command, ...args);

function log(name: string, detail: unknown): void {
  const item = document.createElement("li");
  const label = document.createElement("b");
  label.textContent = `${new Date().toLocaleTimeString()} ${name}`;
  item.append(label, detail === undefined ? "" : ` ${JSON.stringify(detail)}`);
  const list = byId<HTMLOListElement>("log");
  list.prepend(item);
}

async function userHash(userId: string): Promise<string> {
  const encoder = new TextEncoder();
  const key = await crypto.subtle.importKey("raw", encoder.encode(DEMO_IDENTITY_SECRET), { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
  const mac = await crypto.subtle.sign("HMAC", key, encoder.encode(userId));
  return Array.from(new Uint8Array(mac), (byte) => byte.toString(16).padStart(2, "0")).join("");
}

for (const name of EVENTS) {
  parley("on", name, (data: unknown) => {
    if (name === "message") {
      const message = data as { sender_type: string; content: string; seq: number };
      log(name, { seq: message.seq, sender_type: message.sender_type, content: message.content });
    } else log(name, data);
    if (name === "connection") {
      const state = data as { connected: boolean; transport: string | null };
      const badge = byId("connection");
      badge.dataset.connected = String(state.connected);
      badge.querySelector("span")!.textContent = state.connected ? `connected (${state.transport})` : "not connected";
    }
  });
}

byId("open").addEventListener("click", () => parley("openChat"));
byId("close").addEventListener("click", () => parley("closeChat"));
byId("toggle").addEventListener("click", () => parley("toggleChat"));

byId("send-form").addEventListener("submit", (event) => {
  event.preventDefault();
  parley("openChat");
  parley("sendMessage", byId<HTMLInputElement>("send-text").value);
});

byId("escalate-form").addEventListener("submit", (event) => {
  event.preventDefault();
  parley("openChat");
  parley("escalateConversation", byId<HTMLInputElement>("escalate-reason").value);
});

byId("identify-form").addEventListener("submit", (event) => {
  event.preventDefault();
  void (async () => {
    const userId = byId<HTMLInputElement>("user-id").value.trim();
    const user = {
      user_id: userId,
      user_hash: await userHash(userId),
      name: byId<HTMLInputElement>("user-name").value.trim() || undefined,
      email: byId<HTMLInputElement>("user-email").value.trim() || undefined,
    };
    try {
      await parley("identify", user);
      log("identify", { user_id: userId, verified: true });
    } catch (error) {
      log("identify failed", (error as Error).message);
    }
  })();
});
