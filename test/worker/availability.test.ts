import { describe, expect, it, vi } from "vitest";
import type { ConversationDetail, ConversationListResponse, HistoryResponse, Message, SessionInitResponse } from "../../src/protocol";
import { agentRequest, createAgent, DashboardSocket, type TestAgent } from "./agents";
import { createSite, request, startSession, type TestSite } from "./helpers";

const DAY_MS = 86_400_000;

function patchSite(admin: TestAgent, site: TestSite, body: unknown) {
  return agentRequest(`/api/sites/${site.siteId}`, { method: "PATCH", cookie: admin.cookie, body });
}

async function configured(settings: Record<string, unknown>): Promise<{ site: TestSite; admin: TestAgent }> {
  const site = await createSite();
  const admin = await createAgent(site, { role: "admin" });
  expect((await patchSite(admin, site, settings)).status).toBe(200);
  return { site, admin };
}

async function availability(site: TestSite): Promise<SessionInitResponse["availability"]> {
  return (await startSession(site)).availability;
}

function leaveMessage(visitor: SessionInitResponse, body: unknown, token = visitor.visitor_token) {
  return request(`/api/chat/${visitor.session_id}/leave-message`, { body, token });
}

/** Open only two days from now, 09:00–10:00 UTC, so it is closed whenever the test runs. */
function openInTwoDays(now = Date.now()) {
  const day = new Date(now + 2 * DAY_MS);
  const opens = Date.UTC(day.getUTCFullYear(), day.getUTCMonth(), day.getUTCDate(), 9);
  return { hours: { timezone: "UTC", days: [{ day: day.getUTCDay(), open: "09:00", close: "10:00" }] }, opens };
}

const ALWAYS = { timezone: "Europe/Berlin", days: [0, 1, 2, 3, 4, 5, 6].map((day) => ({ day, open: "00:00", close: "24:00" })) };

describe("availability settings (SPEC §5 sites, §12)", () => {
  it("refuses malformed hours, flags, messages and modes with 400 naming the field, changing nothing", async () => {
    const { site, admin } = await configured({ away_message: "Back soon." });
    const cases: Array<[unknown, string]> = [
      [{ business_hours: { timezone: "Mars/Olympus_Mons", days: [] } }, "business_hours.timezone"],
      [{ business_hours: { timezone: "UTC", days: [{ day: 1, open: "10:00", close: "09:00" }] } }, "business_hours.days.0.close"],
      [{ business_hours: { timezone: "UTC", days: [{ day: 7, open: "09:00", close: "10:00" }] } }, "business_hours.days.0.day"],
      [{ business_hours: { timezone: "UTC", days: [{ day: 1, open: "9:00", close: "10:00" }] } }, "business_hours.days.0.open"],
      [{ business_hours: { timezone: "UTC", days: [{ day: 1, open: "24:00", close: "24:00" }] } }, "business_hours.days.0.open"],
      [{ business_hours: { timezone: "UTC" } }, "business_hours.days"],
      [{ only_when_agents_online: "yes" }, "only_when_agents_online"],
      [{ away_message: "a".repeat(501) }, "away_message"],
      [{ when_away: "later" }, "when_away"],
    ];
    for (const [body, field] of cases) {
      const response = await patchSite(admin, site, body);
      expect(response.status, JSON.stringify(body)).toBe(400);
      expect(JSON.stringify(await response.json()), JSON.stringify(body)).toContain(field);
    }
    expect((await startSession(site)).site).toMatchObject({ away_message: "Back soon.", when_away: "form" });
  });
});

describe("session init tells the widget whether anyone answers (SPEC §12)", () => {
  it("is available without hours and inside them; outside, it says when it opens", async () => {
    const site = await createSite();
    expect(await availability(site)).toEqual({ available: true, agents_online: false, hidden: false });

    const admin = await createAgent(site, { role: "admin" });
    await patchSite(admin, site, { business_hours: ALWAYS });
    expect((await availability(site)).available).toBe(true);

    const { hours, opens } = openInTwoDays();
    await patchSite(admin, site, { business_hours: hours, away_message: "We are at the warehouse." });
    const init = await startSession(site);
    expect(init.availability).toEqual({
      available: false,
      next_open_at: new Date(opens).toISOString(),
      agents_online: false,
      hidden: false,
    });
    expect(init.site).toMatchObject({ away_message: "We are at the warehouse.", when_away: "form" });
  });

  it("follows the agents through the lobby's presence record: online, away, back, deactivated", async () => {
    const { site, admin } = await configured({ only_when_agents_online: true });
    const other = await configured({ only_when_agents_online: true });
    expect(await availability(site)).toMatchObject({ available: false, agents_online: false });

    const sam = await createAgent(site, { name: "Sam" });
    const dashboard = await DashboardSocket.open(sam);
    // The record is written before the socket is handed over.
    expect(await availability(site)).toMatchObject({ available: true, agents_online: true });
    expect(await availability(other.site)).toMatchObject({ available: false, agents_online: false });

    dashboard.send({ type: "set_presence", data: { away: true } });
    await vi.waitFor(async () => expect(await availability(site)).toMatchObject({ available: false, agents_online: false }));
    dashboard.send({ type: "set_presence", data: { away: false } });
    await vi.waitFor(async () => expect(await availability(site)).toMatchObject({ available: true, agents_online: true }));

    const deactivated = await agentRequest(`/api/agents/${sam.id}`, { method: "PATCH", cookie: admin.cookie, body: { active: false } });
    expect(deactivated.status).toBe(200);
    expect(await availability(site)).toMatchObject({ available: false, agents_online: false });
  });

  it("hides the widget when away and asked to, unless the visitor is waiting for a person", async () => {
    const { hours } = openInTwoDays();
    const { site } = await configured({ business_hours: hours, when_away: "hide" });
    expect((await availability(site)).hidden).toBe(true);

    const visitor = await startSession(site);
    expect(visitor.availability.hidden).toBe(true);
    const escalated = await request(`/api/chat/${visitor.session_id}/escalate`, { body: { reason: "please" }, token: visitor.visitor_token });
    expect(escalated.status).toBe(201);
    const again = await startSession(site, visitor.browserSessionId);
    expect(again.availability).toMatchObject({ available: false, hidden: false });
  });
});

describe("the away form lands in the inbox (SPEC §12)", () => {
  it("posts the message, puts the conversation in the queue with the email on the visitor, and the bot stays out", async () => {
    const { hours } = openInTwoDays();
    const { site, admin } = await configured({ business_hours: hours });
    const visitor = await startSession(site);
    const body = { email: "Kim@Example.com", content: "Is the blue one back in stock?", client_msg_id: "away-1" };
    const response = await leaveMessage(visitor, body);
    expect(response.status).toBe(201);
    const message = (await response.json()) as Message;
    expect(message).toMatchObject({ sender_type: "user", content: body.content });

    const repeat = await leaveMessage(visitor, body);
    expect(repeat.status).toBe(200);
    expect(((await repeat.json()) as Message).id).toBe(message.id);

    const waiting = (await (await agentRequest("/api/conversations?filter=waiting", { cookie: admin.cookie })).json()) as ConversationListResponse;
    expect(waiting.conversations.map((c) => c.id)).toEqual([visitor.session_id]);
    // The inbox shows what the visitor wrote, not the line saying a human was asked for.
    expect(waiting.conversations[0]!.last_message).toBe(body.content);
    const detail = (await (await agentRequest(`/api/conversations/${visitor.session_id}`, { cookie: admin.cookie })).json()) as ConversationDetail;
    expect(detail.visitor).toMatchObject({ contact_email: body.email, email: null, identified: false });

    const history = (await (
      await request(`/api/chat/${visitor.session_id}/history`, { token: visitor.visitor_token })
    ).json()) as HistoryResponse;
    expect(history.messages.filter((m) => m.sender_type === "user").map((m) => m.content)).toEqual([body.content]);
    expect(history.messages.some((m) => m.sender_type === "bot")).toBe(false);
  });

  it("refuses a bad email, an empty message, an agent and another visitor, changing nothing", async () => {
    const { site, admin } = await configured({ bot_enabled: true });
    const visitor = await startSession(site);
    const stranger = await startSession(site);
    const cases: Array<[unknown, number, string]> = [
      [{ email: "not-an-email", content: "hello" }, 400, "email"],
      [{ email: "kim@example.com", content: "   " }, 400, "empty"],
      [{ email: "kim@example.com" }, 400, "content"],
      [{ email: "kim@example.com", content: "hi", cc: "boss@example.com" }, 400, "cc"],
    ];
    for (const [body, status, word] of cases) {
      const response = await leaveMessage(visitor, body);
      expect(response.status, JSON.stringify(body)).toBe(status);
      expect(JSON.stringify(await response.json()), JSON.stringify(body)).toContain(word);
    }
    const byStranger = await leaveMessage(visitor, { email: "x@example.com", content: "mine now" }, stranger.visitor_token);
    expect(byStranger.status).toBe(403);
    const byAgent = await agentRequest(`/api/chat/${visitor.session_id}/leave-message`, {
      cookie: admin.cookie,
      body: { email: "x@example.com", content: "hi" },
    });
    expect(byAgent.status).toBe(403);

    const detail = (await (await agentRequest(`/api/conversations/${visitor.session_id}`, { cookie: admin.cookie })).json()) as ConversationDetail;
    expect(detail.conversation.status).toBe("bot");
    expect(detail.visitor?.contact_email).toBeNull();
  });
});
