import { hashPassword } from "../../src/auth/passwords";
import { sqlLiteral as quote } from "./sql-literal";

/** The demo workspace of `npm run seed`: fixed ids, so seeding twice changes nothing. */
export const DEMO = {
  workspaceId: "ws_demo",
  siteId: "site_demo",
  siteKey: "demo",
  password: "parley-demo",
  identitySecret: "demo-identity-secret",
  origins: ["http://localhost:8787", "http://127.0.0.1:8787"],
  agents: [
    { id: "agent_ada", email: "admin@example.com", name: "Ada Admin", role: "admin" },
    { id: "agent_sam", email: "sam@example.com", name: "Sam Support", role: "agent" },
  ],
  faqs: [
    {
      question: "How long does shipping take?",
      answer: "Orders leave our warehouse within 2 business days. Standard delivery takes 3–5 days; express takes 1–2.",
      keywords: "delivery shipping ship arrive when",
    },
    {
      question: "What is your return policy?",
      answer: "You can return anything within 30 days for a full refund. Start a return from your order page.",
      keywords: "return refund exchange money back broken damaged",
    },
    {
      question: "Where is my order?",
      answer: "Your tracking link is in the shipping confirmation email. You can also see it under Orders in your account.",
      keywords: "track tracking order status package parcel",
    },
    {
      question: "Which payment methods do you accept?",
      answer: "We accept Visa, Mastercard, American Express, PayPal, Apple Pay and Google Pay.",
      keywords: "pay payment card paypal visa mastercard apple google",
    },
    {
      question: "Do you ship internationally?",
      answer: "Yes, we ship to 40 countries. Duties are calculated at checkout so there are no surprises.",
      keywords: "international abroad country countries customs duties worldwide",
    },
  ],
} as const;

/**
 * SQL that creates the demo workspace when it is missing and leaves it alone when it exists, so
 * edits made in the dashboard survive a second `npm run seed`.
 */
export async function demoSeedSql(options: { ports?: number[]; now?: number } = {}): Promise<string> {
  const now = options.now ?? Date.now();
  const extraOrigins = (options.ports ?? []).flatMap((port) => [`http://localhost:${port}`, `http://127.0.0.1:${port}`]);
  const theme = JSON.stringify({ color: "#4f46e5", mode: "auto", position: "right" });
  const lines = [
    `INSERT INTO workspaces (id, name, created_at) VALUES (${quote(DEMO.workspaceId)}, 'Demo', ${now}) ON CONFLICT DO NOTHING;`,
    `INSERT INTO sites (id, workspace_id, site_key, name, allowed_origins, theme, greeting, locale, bot_enabled, identity_secret, created_at, updated_at)
     VALUES (${quote(DEMO.siteId)}, ${quote(DEMO.workspaceId)}, ${quote(DEMO.siteKey)}, 'Northwind Outfitters',
       ${quote(JSON.stringify(DEMO.origins))}, ${quote(theme)}, 'Hi there! Ask us anything about your order.', 'en', 1,
       ${quote(DEMO.identitySecret)}, ${now}, ${now}) ON CONFLICT DO NOTHING;`,
  ];
  DEMO.faqs.forEach((faq, i) => {
    lines.push(
      `INSERT INTO faqs (id, site_id, question, answer, keywords, position, created_at)
       VALUES ('faq_demo_${i + 1}', ${quote(DEMO.siteId)}, ${quote(faq.question)}, ${quote(faq.answer)}, ${quote(faq.keywords)}, ${i}, ${now})
       ON CONFLICT DO NOTHING;`,
    );
  });
  for (const agent of DEMO.agents) {
    lines.push(
      `INSERT INTO agents (id, workspace_id, email, name, role, password_hash, active, created_at)
       VALUES (${quote(agent.id)}, ${quote(DEMO.workspaceId)}, ${quote(agent.email)}, ${quote(agent.name)}, ${quote(agent.role)},
         ${quote(await hashPassword(DEMO.password))}, 1, ${now}) ON CONFLICT DO NOTHING;`,
    );
  }
  if (extraOrigins.length > 0) {
    // Lets the widget run on whatever port this dev server uses, keeping origins an admin added.
    lines.push(
      `UPDATE sites SET allowed_origins = (
         SELECT json_group_array(value) FROM (
           SELECT value FROM json_each(sites.allowed_origins)
           UNION SELECT value FROM json_each(${quote(JSON.stringify(extraOrigins))})))
       WHERE id = ${quote(DEMO.siteId)};`,
    );
  }
  return lines.join("\n");
}
