import { createHmac } from "node:crypto";
import { DEMO } from "./demo-data";

/**
 * A few conversations in different states, so the dashboard of `npm run dev` is not empty.
 * Fixed browser ids and client message ids make it safe to run on every start.
 */
const VISITORS = [
  {
    browser: "demo-visitor-maya-0001",
    agent: "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1",
    context: { url: "http://localhost:8787/#shipping", title: "Shipping — Northwind Outfitters", timezone: "America/New_York", locale: "en-US" },
    faq: "faq_demo_1",
  },
  {
    browser: "demo-visitor-jonas-0002",
    agent: "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36",
    context: { url: "http://localhost:8787/#orders", title: "My orders — Northwind Outfitters", referrer: "https://mail.example/", timezone: "Europe/Berlin", locale: "de-DE" },
    message: "My package says delivered but nothing is at my door.",
  },
  {
    browser: "demo-visitor-priya-0003",
    agent: "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_6) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.0 Safari/605.1.15",
    context: { url: "http://localhost:8787/#jackets", title: "Alpine Shell Jacket — Northwind Outfitters", timezone: "Asia/Kolkata", locale: "en-IN" },
    identify: { user_id: "customer-1042", name: "Priya Raman", email: "priya@example.com" },
    message: "Can I exchange my jacket for a larger size? Ordered M, need L.",
    reply: "Hi Priya! Yes, exchanges are free. I've started one for size L and emailed you a return label.",
  },
] as const;

async function post(url: string, body: unknown, headers: Record<string, string>): Promise<Response> {
  return fetch(url, { method: "POST", headers: { "Content-Type": "application/json", ...headers }, body: JSON.stringify(body) });
}

export async function createDemoTraffic(origin: string): Promise<void> {
  const login = await post(`${origin}/api/auth/login`, { email: "sam@example.com", password: DEMO.password }, { Origin: origin });
  const cookie = login.headers.get("set-cookie")?.split(";")[0] ?? "";
  for (const visitor of VISITORS) {
    const headers = { Origin: origin, "User-Agent": visitor.agent };
    const init = await post(`${origin}/api/widget/${DEMO.siteKey}/session`, { browser_session_id: visitor.browser, context: visitor.context }, headers);
    if (!init.ok) throw new Error(`demo session failed: ${init.status} ${await init.text()}`);
    const session = (await init.json()) as { session_id: string; visitor_token: string };
    const auth = { ...headers, Authorization: `Bearer ${session.visitor_token}` };
    const chat = `${origin}/api/chat/${session.session_id}`;
    if ("identify" in visitor) {
      const userHash = createHmac("sha256", DEMO.identitySecret).update(visitor.identify.user_id).digest("hex");
      await post(`${origin}/api/widget/${DEMO.siteKey}/identify`, { ...visitor.identify, user_hash: userHash }, auth);
    }
    if ("faq" in visitor) await post(`${chat}/faq`, { faq_id: visitor.faq, client_msg_id: "demo-faq" }, auth);
    if ("message" in visitor) await post(`${chat}/messages`, { content: visitor.message, client_msg_id: "demo-question" }, auth);
    if ("reply" in visitor && cookie) {
      await post(`${chat}/messages`, { content: visitor.reply, client_msg_id: "demo-reply" }, { Origin: origin, Cookie: cookie });
    }
  }
}
