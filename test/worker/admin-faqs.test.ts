import { describe, expect, it } from "vitest";
import { FAQS_PER_SITE_MAX, type Faq, type FaqListResponse } from "../../src/protocol";
import { agentRequest, createAgent, type TestAgent } from "./agents";
import { createSite, DEFAULT_FAQS, request, startSession, type TestSite } from "./helpers";

async function admin(site: TestSite, name = "Ada"): Promise<TestAgent> {
  return createAgent(site, { role: "admin", name });
}

async function errorOf(response: Response): Promise<{ code: string; message: string; details?: unknown }> {
  return ((await response.json()) as { error: { code: string; message: string; details?: unknown } }).error;
}

async function faqList(agent: TestAgent, site: TestSite): Promise<Faq[]> {
  return ((await (await agentRequest(`/api/sites/${site.siteId}/faqs`, { cookie: agent.cookie })).json()) as FaqListResponse).faqs;
}

function order(agent: TestAgent, site: TestSite, ids: unknown) {
  return agentRequest(`/api/sites/${site.siteId}/faqs/order`, { method: "PUT", cookie: agent.cookie, body: { ids } });
}

/** The questions the widget shows first, as its next session init reads them. */
async function widgetQuestions(site: TestSite): Promise<string[]> {
  return (await startSession(site)).site.faqs.map((faq) => faq.question);
}

describe("FAQs (SPEC §5): the widget's first block", () => {
  it("adds, edits, reorders and deletes FAQs, and session init shows them in the site's order", async () => {
    const site = await createSite();
    const ada = await admin(site);
    const listed = await faqList(ada, site);
    expect(listed.map((faq) => faq.id)).toEqual(site.faqIds);
    expect(listed[0]).toMatchObject({ site_id: site.siteId, question: DEFAULT_FAQS[0]!.question, answer: DEFAULT_FAQS[0]!.answer });

    const created = await agentRequest(`/api/sites/${site.siteId}/faqs`, {
      cookie: ada.cookie,
      body: { question: "  Do you ship abroad?  ", answer: "Yes, to 40 countries." },
    });
    expect(created.status).toBe(201);
    const abroad = (await created.json()) as Faq;
    expect(abroad).toMatchObject({ site_id: site.siteId, question: "Do you ship abroad?", keywords: "" });
    expect(await widgetQuestions(site)).toEqual([DEFAULT_FAQS[0]!.question, DEFAULT_FAQS[1]!.question, "Do you ship abroad?"]);

    const newOrder = [abroad.id, site.faqIds[1]!, site.faqIds[0]!];
    const reordered = await order(ada, site, newOrder);
    expect(reordered.status).toBe(200);
    expect(((await reordered.json()) as FaqListResponse).faqs.map((faq) => faq.id)).toEqual(newOrder);
    expect(await widgetQuestions(site)).toEqual(["Do you ship abroad?", DEFAULT_FAQS[1]!.question, DEFAULT_FAQS[0]!.question]);

    const edited = await agentRequest(`/api/faqs/${abroad.id}`, {
      method: "PATCH",
      cookie: ada.cookie,
      body: { question: "Do you ship worldwide?", keywords: "international abroad" },
    });
    expect(edited.status).toBe(200);
    expect(await edited.json()).toMatchObject({ id: abroad.id, question: "Do you ship worldwide?", answer: "Yes, to 40 countries.", keywords: "international abroad" });
    expect((await widgetQuestions(site))[0]).toBe("Do you ship worldwide?");

    const visitor = await startSession(site);
    const removed = await agentRequest(`/api/faqs/${site.faqIds[1]}`, { method: "DELETE", cookie: ada.cookie });
    expect(removed.status).toBe(204);
    expect((await faqList(ada, site)).map((faq) => faq.id)).toEqual([abroad.id, site.faqIds[0]]);
    expect(await widgetQuestions(site)).toEqual(["Do you ship worldwide?", DEFAULT_FAQS[0]!.question]);
    const click = await request(`/api/chat/${visitor.session_id}/faq`, { token: visitor.visitor_token, body: { faq_id: site.faqIds[1] } });
    expect(click.status).toBe(404);
    expect((await agentRequest(`/api/faqs/${site.faqIds[1]}`, { method: "DELETE", cookie: ada.cookie })).status).toBe(404);
  });

  it("refuses an order that is not exactly the site's FAQ ids, naming what is wrong", async () => {
    const site = await createSite();
    const other = await createSite();
    const ada = await admin(site);
    const [first, second] = site.faqIds as [string, string];
    const cases: Array<[unknown, Record<string, string[]>]> = [
      [[first], { missing: [second], unknown: [], repeated: [] }],
      [[first, second, other.faqIds[0]!], { missing: [], unknown: [other.faqIds[0]!], repeated: [] }],
      [[first, first, second], { missing: [], unknown: [], repeated: [first] }],
      [[], { missing: [first, second], unknown: [], repeated: [] }],
    ];
    for (const [ids, details] of cases) {
      const response = await order(ada, site, ids);
      expect(response.status, JSON.stringify(ids)).toBe(400);
      const error = await errorOf(response);
      expect(error.code).toBe("invalid_order");
      expect(error.details).toEqual(details);
      for (const id of [...details.missing!, ...details.unknown!, ...details.repeated!]) expect(error.message).toContain(id);
    }
    for (const [ids, field] of [
      ["not-a-list", "ids"],
      [["<script>"], "ids.0"],
      [Array.from({ length: FAQS_PER_SITE_MAX + 1 }, () => first), "ids"],
    ] as const) {
      const error = await errorOf(await order(ada, site, ids));
      expect(error.message).toMatch(new RegExp(`^${field.replace(".", "\\.")}: `));
    }
    expect((await faqList(ada, site)).map((faq) => faq.id)).toEqual(site.faqIds);
  });

  it("checks every field: lengths, emptiness, unknown keys, and an edit that changes nothing", async () => {
    const site = await createSite();
    const ada = await admin(site);
    const cases: Array<[unknown, string]> = [
      [{ answer: "An answer" }, "question"],
      [{ question: "  ", answer: "An answer" }, "question"],
      [{ question: "q".repeat(201), answer: "An answer" }, "question"],
      [{ question: "A question?", answer: "" }, "answer"],
      [{ question: "A question?", answer: "a".repeat(1001) }, "answer"],
      [{ question: "A question?", answer: "An answer\u0000" }, "answer"],
      [{ question: "A question?", answer: "An answer", keywords: "k".repeat(301) }, "keywords"],
      [{ question: "A question?", answer: "An answer", position: 0 }, "position"],
      [{ question: ["A question?"], answer: "An answer" }, "question"],
    ];
    for (const [body, field] of cases) {
      const response = await agentRequest(`/api/sites/${site.siteId}/faqs`, { cookie: ada.cookie, body });
      expect(response.status, JSON.stringify(body).slice(0, 100)).toBe(400);
      expect((await errorOf(response)).message).toContain(field);
    }
    const nothing = await agentRequest(`/api/faqs/${site.faqIds[0]}`, { method: "PATCH", cookie: ada.cookie, body: {} });
    expect(nothing.status).toBe(400);
    const forged = await agentRequest(`/api/faqs/${site.faqIds[0]}`, { method: "PATCH", cookie: ada.cookie, body: { site_id: "elsewhere" } });
    expect(forged.status).toBe(400);
    expect((await errorOf(forged)).message).toContain("site_id");
    const huge = await agentRequest(`/api/sites/${site.siteId}/faqs`, { cookie: ada.cookie, body: { question: "Big?", answer: "a".repeat(70_000) } });
    expect(huge.status).toBe(413);
    expect(await faqList(ada, site)).toHaveLength(2);
  });

  it(`caps a site at ${FAQS_PER_SITE_MAX} FAQs, even when admins add at once`, async () => {
    const almost = Array.from({ length: FAQS_PER_SITE_MAX - 1 }, (_, i) => ({ question: `Question ${i}?`, answer: `Answer ${i}.`, keywords: "" }));
    const site = await createSite({ faqs: almost });
    const ada = await admin(site);
    const attempts = await Promise.all(
      Array.from({ length: 5 }, (_, i) =>
        agentRequest(`/api/sites/${site.siteId}/faqs`, { cookie: ada.cookie, body: { question: `Last one ${i}?`, answer: "Yes." } }),
      ),
    );
    expect(attempts.map((response) => response.status).sort()).toEqual([201, 409, 409, 409, 409]);
    const refused = attempts.find((response) => response.status === 409)!;
    expect(await errorOf(refused)).toMatchObject({ code: "too_many_faqs" });
    expect(await faqList(ada, site)).toHaveLength(FAQS_PER_SITE_MAX);
  });

  it("refuses agents with 403 and another workspace's admins with 404, changing nothing", async () => {
    const site = await createSite();
    const sam = await createAgent(site, { name: "Sam" });
    const outsider = await admin(await createSite(), "Olga");
    const [faqId] = site.faqIds as [string];
    const attempts = (cookie: string) => [
      agentRequest(`/api/sites/${site.siteId}/faqs`, { cookie }),
      agentRequest(`/api/sites/${site.siteId}/faqs`, { cookie, body: { question: "Mine?", answer: "Yes." } }),
      agentRequest(`/api/sites/${site.siteId}/faqs/order`, { method: "PUT", cookie, body: { ids: [...site.faqIds].reverse() } }),
      agentRequest(`/api/faqs/${faqId}`, { method: "PATCH", cookie, body: { answer: "Changed." } }),
      agentRequest(`/api/faqs/${faqId}`, { method: "DELETE", cookie }),
    ];
    for (const response of await Promise.all(attempts(sam.cookie))) {
      expect(response.status).toBe(403);
    }
    for (const response of await Promise.all(attempts(outsider.cookie))) {
      expect(response.status).toBe(404);
      expect(await errorOf(response)).toMatchObject({ code: "not_found" });
    }
    const ada = await admin(site);
    const faqs = await faqList(ada, site);
    expect(faqs.map((faq) => faq.id)).toEqual(site.faqIds);
    expect(faqs[0]!.answer).toBe(DEFAULT_FAQS[0]!.answer);
    expect(await widgetQuestions(site)).toEqual(DEFAULT_FAQS.map((faq) => faq.question));
  });
});
