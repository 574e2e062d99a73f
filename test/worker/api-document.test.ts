import { describe, expect, it } from "vitest";
import { HTTP_API } from "../../src/protocol";
import { checkedFetch } from "./helpers";

function get(path: string): Promise<Response> {
  return checkedFetch(new Request(`http://parley.test${path}`));
}

interface Operation {
  summary?: string;
  requestBody?: { content: { "application/json": { schema: { properties?: Record<string, unknown> } } } };
  responses: Record<string, { content?: { "application/json": { schema: unknown } } }>;
  parameters: Array<{ name: string; in: string }>;
}

describe("the API documents itself (SPEC §13)", () => {
  it("serves an OpenAPI 3.1 document with every product route, made from the schemas the routes validate with", async () => {
    const response = await get("/api/openapi.json");
    expect(response.status).toBe(200);
    const document = (await response.json()) as { openapi: string; paths: Record<string, Record<string, Operation>>; components: { schemas: Record<string, unknown> } };
    expect(document.openapi).toBe("3.1.0");
    const product = HTTP_API.filter((route) => !route.path.startsWith("/api/dev/"));
    for (const route of product) {
      const path = route.path.replace(/:([a-z_]+)/g, "{$1}");
      const operation = document.paths[path]?.[route.method.toLowerCase()];
      expect(operation, `${route.method} ${route.path}`).toBeDefined();
      expect(Object.keys(operation!.responses), route.path).toContain(String(route.ok.status));
      expect(Boolean(operation!.requestBody), route.path).toBe(route.body !== undefined);
    }
    const documented = Object.values(document.paths).reduce((sum, methods) => sum + Object.keys(methods).length, 0);
    expect(documented).toBe(product.length);
    expect(document.paths["/api/dev/objects"]).toBeUndefined();

    // Fields come from the zod schemas: the site body has SPEC §12's availability fields.
    const siteBody = document.paths["/api/sites"]!.post!.requestBody!.content["application/json"].schema;
    expect(Object.keys(siteBody.properties ?? {})).toEqual(expect.arrayContaining(["allowed_origins", "business_hours", "when_away"]));
    expect(document.paths["/api/conversations"]!.get!.parameters.map((p) => `${p.in}:${p.name}`)).toContain("query:filter");
    expect(document.paths["/api/widget/{site_key}/session"]!.post!.summary).toContain("§12");
    expect(Object.keys(document.components.schemas)).toEqual(["WidgetClientFrame", "WidgetServerFrame", "DashboardClientFrame", "DashboardServerFrame"]);
  });

  it("has a readable page that loads nothing from anywhere", async () => {
    const response = await get("/api/docs");
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Type")).toContain("text/html");
    expect(response.headers.get("Content-Security-Policy")).toContain("default-src 'none'");
    const html = await response.text();
    expect(html).toContain("/api/widget/{site_key}/session");
    expect(html).toContain("leave-message");
    expect(html).not.toMatch(/<script|<link|<img|src=|@import|url\(/i);
    expect(html.match(/href="([^"]+)"/g)?.every((href) => /^href="(#|\/api\/openapi\.json)/.test(href))).toBe(true);
  });
});
