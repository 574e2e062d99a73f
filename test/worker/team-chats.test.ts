import { describe, expect, it } from "vitest";
import { env } from "cloudflare:workers";
import { createAgent } from "./agents";
import { createGroup, createTeam, listChats, openDirect, say, teamRequest } from "./team";
import { REPORTED } from "./reported";

describe("direct chats", () => {
  it("gives one pair one chat, whoever opens it and however often, titled by the other agent", async () => {
    const { agents } = await createTeam(2);
    const [ada, bo] = agents as [NonNullable<(typeof agents)[0]>, NonNullable<(typeof agents)[1]>];
    const first = await openDirect(ada, bo);
    expect(first).toMatchObject({ kind: "direct", title: "Bo", unread_count: 0, last_message: null });
    expect(first.members.map((m) => m.name).sort()).toEqual(["Ada", "Bo"]);
    const again = await openDirect(bo, ada);
    expect(again.id).toBe(first.id);
    expect(again.title).toBe("Ada");
    expect((await listChats(ada)).chats.map((c) => c.id)).toEqual([first.id]);
  });

  it("stays one chat when both agents open it at the same moment", async () => {
    for (let round = 0; round < 3; round++) {
      const { agents } = await createTeam(2);
      const [ada, bo] = agents as [NonNullable<(typeof agents)[0]>, NonNullable<(typeof agents)[1]>];
      const [a, b, c, d] = await Promise.all([openDirect(ada, bo), openDirect(bo, ada), openDirect(ada, bo), openDirect(bo, ada)]);
      expect(new Set([a.id, b.id, c.id, d.id]).size).toBe(1);
      const rows = await env.DB.prepare("SELECT count(*) AS n FROM conversations WHERE kind = 'direct' AND created_by IN (?, ?)").bind(ada.id, bo.id).first<{ n: number }>();
      expect(rows?.n).toBe(1);
    }
  });

  it("refuses an unknown, foreign or deactivated email with 404 and oneself with 400", async () => {
    const { agents } = await createTeam(2);
    const [ada, bo] = agents as [NonNullable<(typeof agents)[0]>, NonNullable<(typeof agents)[1]>];
    const elsewhere = await createTeam(1);
    const cases = [
      { email: "nobody@agents.test", status: 404, code: "agent_not_found" },
      { email: elsewhere.agents[0]!.email, status: 404, code: "agent_not_found" },
      { email: ada.email.toUpperCase(), status: 400, code: "cannot_message_self" },
    ];
    await env.DB.prepare("UPDATE agents SET active = 0 WHERE id = ?").bind(bo.id).run();
    cases.push({ email: bo.email, status: 404, code: "agent_not_found" });
    for (const { email, status, code } of cases) {
      const response = await teamRequest(ada, "/direct", { body: { email } });
      expect(response.status, email).toBe(status);
      expect(await response.json()).toMatchObject({ error: { code } });
    }
    const bad = await teamRequest(ada, "/direct", { body: { email: "not-an-email" } });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ error: { code: "invalid_request", message: expect.stringContaining("email") } });
  });
});

describe("group chats", () => {
  it("creates a group with its creator as admin and a system line, listed for every member", async () => {
    const { agents } = await createTeam(3);
    const [ada, bo, cy] = agents as [NonNullable<(typeof agents)[0]>, NonNullable<(typeof agents)[1]>, NonNullable<(typeof agents)[2]>];
    const group = await createGroup(ada, "Night shift", [bo, cy, ada]);
    expect(group).toMatchObject({ kind: "group", title: "Night shift", unread_count: 0 });
    expect(group.members).toEqual([
      { id: ada.id, name: "Ada", role: "admin" },
      { id: bo.id, name: "Bo", role: "member" },
      { id: cy.id, name: "Cy", role: "member" },
    ]);
    await say(bo, group.id, "hello all");
    await expect.poll(async () => (await listChats(cy)).chats[0]?.last_message?.content, REPORTED).toBe("hello all");
    expect((await listChats(cy)).chats.map((c) => c.title)).toEqual(["Night shift"]);
  });

  it("refuses bad bodies naming the field, and unknown members with 404 listing them", async () => {
    const { agents } = await createTeam(2);
    const [ada, bo] = agents as [NonNullable<(typeof agents)[0]>, NonNullable<(typeof agents)[1]>];
    const noName = await teamRequest(ada, "/groups", { body: { name: "  ", member_emails: [bo.email] } });
    expect(noName.status).toBe(400);
    expect(await noName.json()).toMatchObject({ error: { message: expect.stringContaining("name") } });
    const noList = await teamRequest(ada, "/groups", { body: { name: "X" } });
    expect(noList.status).toBe(400);
    expect(await noList.json()).toMatchObject({ error: { message: expect.stringContaining("member_emails") } });
    const unknown = await teamRequest(ada, "/groups", { body: { name: "X", member_emails: [bo.email, "ghost@agents.test"] } });
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toMatchObject({ error: { code: "agent_not_found", details: { emails: ["ghost@agents.test"] } } });
    const outsider = await createAgent((await createTeam(0)).site);
    const foreign = await teamRequest(ada, "/groups", { body: { name: "X", member_emails: [outsider.email] } });
    expect(foreign.status).toBe(404);
  });
});
