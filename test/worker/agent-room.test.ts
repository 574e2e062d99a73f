import { describe, expect, it } from "vitest";
import { SYSTEM_EVENTS, CLOSE_CODES, SIGNED_OUT_REASONS } from "../../src/protocol";
import { AgentRoom, agentRequest, agentRoomUpgrade, createAgent, DashboardSocket } from "./agents";
import { createSite, request, startSession, TestSocket } from "./helpers";

describe("agents in a conversation room", () => {
  it("sees history, chats both ways with typing and read receipts, and takes the customer by replying", async () => {
    const site = await createSite();
    const visitor = await startSession(site);
    const visitorRoom = await TestSocket.open(visitor.session_id, visitor.visitor_token);
    visitorRoom.send({ type: "faq", faq_id: site.faqIds[0] });
    await visitorRoom.messages(2);
    const sam = await createAgent(site, { name: "Sam Support" });
    const room = await AgentRoom.open(visitor.session_id, sam);
    expect(room.of("hello")[0]!.messages.map((m) => m.sender_type)).toEqual(["user", "bot"]);

    visitorRoom.send({ type: "typing", is_typing: true });
    expect(await room.next("typing")).toMatchObject({ sender_type: "user", is_typing: true });
    room.send({ type: "typing", is_typing: true });
    expect(await visitorRoom.next("typing")).toEqual({ type: "typing", sender_type: "agent", sender_name: "Sam Support", is_typing: true });

    room.send({ type: "message", client_msg_id: "a-1", content: "Hello, Sam here" });
    expect(await visitorRoom.next("status", (f) => f.status === "assigned")).toMatchObject({ agent: { id: sam.id, name: "Sam Support" } });
    const joined = await visitorRoom.next("message", (f) => f.message.metadata?.event === SYSTEM_EVENTS.agentJoined);
    const reply = await visitorRoom.next("message", (f) => f.message.client_msg_id === "a-1");
    expect(joined.message.content).toBe("Sam Support joined the conversation");
    expect(reply.message).toMatchObject({ sender_type: "agent", sender_name: "Sam Support", sender_id: sam.id });
    expect(reply.message.seq).toBe(joined.message.seq + 1);

    visitorRoom.send({ type: "read", seq: reply.message.seq });
    expect(await room.next("read")).toEqual({ type: "read", sender_type: "user", seq: reply.message.seq });
    room.send({ type: "read", seq: reply.message.seq });
    expect(await visitorRoom.next("read", (f) => f.sender_type === "agent")).toEqual({ type: "read", sender_type: "agent", seq: reply.message.seq });

    room.send({ type: "load_older", before: 2 });
    expect((await room.next("older")).messages.map((m) => m.seq)).toEqual([1]);
    room.send({ type: "escalate" });
    expect((await room.next("error")).code).toBe("forbidden");
  });

  it("refuses a second agent's reply with 'already assigned' and stores nothing", async () => {
    const site = await createSite();
    const visitor = await startSession(site);
    const sam = await createAgent(site, { name: "Sam" });
    const lee = await createAgent(site, { name: "Lee" });
    const samRoom = await AgentRoom.open(visitor.session_id, sam);
    const leeRoom = await AgentRoom.open(visitor.session_id, lee);
    samRoom.send({ type: "message", client_msg_id: "s-1", content: "Mine" });
    await samRoom.next("message", (f) => f.message.client_msg_id === "s-1");
    leeRoom.send({ type: "message", client_msg_id: "l-1", content: "No, mine" });
    expect(await leeRoom.next("error")).toMatchObject({ code: "already_assigned", message: "Customer is already assigned to Sam", client_msg_id: "l-1" });
    const history = (await (await agentRequest(`/api/chat/${visitor.session_id}/history`, { cookie: lee.cookie })).json()) as {
      messages: { content: string }[];
    };
    expect(history.messages.map((m) => m.content)).not.toContain("No, mine");
  });

  it("opens the SPEC §5 REST routes to agents of the workspace only", async () => {
    const site = await createSite();
    const visitor = await startSession(site);
    const sam = await createAgent(site, { name: "Sam" });
    const outsider = await createAgent(await createSite());
    const post = await agentRequest(`/api/chat/${visitor.session_id}/messages`, { cookie: sam.cookie, body: { content: "Hi from REST" } });
    expect(post.status).toBe(201);
    expect(await post.json()).toMatchObject({ sender_type: "agent", sender_name: "Sam" });
    const read = await agentRequest(`/api/chat/${visitor.session_id}/history`, { cookie: sam.cookie });
    expect(read.status).toBe(200);
    const escalations = await agentRequest(`/api/chat/${visitor.session_id}/escalations`, { cookie: sam.cookie });
    expect(escalations.status).toBe(200);
    const conversations = await agentRequest(`/api/chat/user/${visitor.visitor_id}/conversations`, { cookie: sam.cookie });
    expect(((await conversations.json()) as { count: number }).count).toBe(1);

    for (const path of ["history", "escalations"]) {
      expect((await agentRequest(`/api/chat/${visitor.session_id}/${path}`, { cookie: outsider.cookie })).status).toBe(404);
    }
    expect((await agentRequest(`/api/chat/${visitor.session_id}/messages`, { cookie: outsider.cookie, body: { content: "x" } })).status).toBe(404);
    expect((await agentRoomUpgrade(visitor.session_id, outsider.cookie)).status).toBe(404);
    expect((await agentRoomUpgrade(visitor.session_id, sam.cookie, "https://evil.example")).status).toBe(403);
    const crossSitePost = await agentRequest(`/api/chat/${visitor.session_id}/messages`, {
      cookie: sam.cookie,
      body: { content: "forged" },
      origin: "https://evil.example",
    });
    expect(crossSitePost.status).toBe(403);
    const visitorView = await request(`/api/chat/${visitor.session_id}/history`, { token: visitor.visitor_token });
    expect(((await visitorView.json()) as { messages: { content: string }[] }).messages.map((m) => m.content)).toContain("Hi from REST");
  });

  it("takes admin powers from a demoted admin's open dashboard at once", async () => {
    const site = await createSite();
    const visitor = await startSession(site);
    await request(`/api/chat/${visitor.session_id}/escalate`, { token: visitor.visitor_token, body: { reason: "help" } });
    const owner = await createAgent(site, { name: "Owner", role: "admin" });
    const sam = await createAgent(site, { name: "Sam" });
    const ada = await createAgent(site, { name: "Ada", role: "admin" });
    const target = { customer_id: visitor.visitor_id, page_id: site.siteId };
    await (await DashboardSocket.open(sam)).request({ type: "assign_agent", data: target }, "agent_assigned");
    const adaDash = await DashboardSocket.open(ada);

    const demoted = await agentRequest(`/api/agents/${ada.id}`, { method: "PATCH", cookie: owner.cookie, body: { role: "agent" } });
    expect(demoted.status).toBe(200);
    await adaDash.next("agent_presence", (f) => f.data.id === ada.id && f.data.role === "agent");
    const refused = await adaDash.request({ type: "unassign_agent", data: target }, "error");
    expect(refused).toMatchObject({ code: "not_your_customer" });
    expect(adaDash.closed).toBeNull();
  });

  it("cuts a deactivated agent off: sessions, dashboards and room sockets", async () => {
    const site = await createSite();
    const visitor = await startSession(site);
    const admin = await createAgent(site, { name: "Ada", role: "admin" });
    const sam = await createAgent(site, { name: "Sam" });
    const dashboard = await DashboardSocket.open(sam);
    const room = await AgentRoom.open(visitor.session_id, sam);
    const adminDash = await DashboardSocket.open(admin);

    const notAdmin = await agentRequest(`/api/agents/${admin.id}`, { method: "PATCH", cookie: sam.cookie, body: { active: false } });
    expect(notAdmin.status).toBe(403);
    const response = await agentRequest(`/api/agents/${sam.id}`, { method: "PATCH", cookie: admin.cookie, body: { active: false } });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ id: sam.id, active: false });

    expect(await dashboard.untilClosed()).toEqual({ code: CLOSE_CODES.signedOut, reason: SIGNED_OUT_REASONS.deactivated });
    expect(await room.untilClosed()).toEqual({ code: CLOSE_CODES.signedOut, reason: SIGNED_OUT_REASONS.deactivated });
    expect((await agentRequest("/api/auth/me", { cookie: sam.cookie })).status).toBe(401);
    expect((await DashboardSocket.upgrade(sam.cookie)).status).toBe(401);
    expect((await adminDash.next("agent_presence", (f) => f.data.id === sam.id && !f.data.online)).data.online).toBe(false);
    const relogin = await agentRequest("/api/auth/login", { body: { email: sam.email, password: "correct horse battery" } });
    expect(relogin.status).toBe(403);
  });
});
