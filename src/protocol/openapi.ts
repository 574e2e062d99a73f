import { z } from "zod";
import { DashboardClientFrameSchema, DashboardServerFrameSchema } from "./dashboard-socket";
import { HTTP_API, type HttpRoute } from "./http-api";
import { ApiErrorBodySchema } from "./rest";
import { ClientFrameSchema, ServerFrameSchema } from "./widget-socket";

/**
 * The OpenAPI 3.1 document of the HTTP API (SPEC §5, §13), generated from `HTTP_API`: the same zod
 * schemas the routes validate with and the tests check answers against, so it cannot drift from
 * the code. Socket frames are in `components.schemas` (`WidgetClientFrame`, `WidgetServerFrame`,
 * `DashboardClientFrame`, `DashboardServerFrame`); their prose is src/protocol/README.md.
 */

type JsonSchema = Record<string, unknown>;

/** JSON Schema of what a client sends (`input`: before defaults and transforms) or receives. */
function jsonSchema(schema: z.ZodType, io: "input" | "output"): JsonSchema {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: "any", target: "draft-2020-12" });
  return rest;
}

/** Routes only tests use; not part of the product's API. */
const INTERNAL = /^\/api\/dev\//;

/** How a route is called: SPEC §5 says who may call what. */
function securityOf(route: HttpRoute): Array<Record<string, string[]>> {
  if (route.path === "/api/widget/:site_key/session" || route.path === "/health") return [];
  if (route.path.startsWith("/api/auth/invite") || route.path === "/api/auth/login") return [];
  if (route.path.startsWith("/api/widget/")) return [{ visitorToken: [] }];
  if (route.path.startsWith("/api/chat/") || route.path.startsWith("/ws/chat/")) return [{ visitorToken: [] }, { agentCookie: [] }];
  return [{ agentCookie: [] }];
}

function tagOf(path: string): string {
  const [first, second] = path.split("/").filter(Boolean);
  return first === "api" ? (second ?? "api") : (first ?? "api");
}

function parametersOf(route: HttpRoute): JsonSchema[] {
  const path = [...route.path.matchAll(/:([a-z_]+)/g)].map(([, name]) => ({ name, in: "path", required: true, schema: { type: "string" } }));
  if (!route.query) return path;
  const query = jsonSchema(route.query, "input");
  const properties = (query.properties ?? {}) as Record<string, JsonSchema>;
  const required = new Set((query.required ?? []) as string[]);
  return [...path, ...Object.entries(properties).map(([name, schema]) => ({ name, in: "query", required: required.has(name), schema }))];
}

function responsesOf(route: HttpRoute): JsonSchema {
  const { status, body } = route.ok;
  const success =
    body === null
      ? { description: "No content" }
      : body === "upgrade"
        ? { description: "WebSocket upgrade (SPEC §6, §7); frames are in components.schemas" }
        : body === "html"
          ? { description: "A page", content: { "text/html": {} } }
          : body === "csv"
            ? { description: "A CSV file (a download)", content: { "text/csv": {} } }
            : { description: "Success", content: { "application/json": { schema: jsonSchema(body, "output") } } };
  const repeats = Object.fromEntries((route.alsoOk ?? []).map((code) => [String(code), { description: "The same answer, for a repeat" }]));
  return { [String(status)]: success, ...repeats, default: { $ref: "#/components/responses/Error" } };
}

function operationOf(route: HttpRoute): JsonSchema {
  return {
    operationId: `${route.method.toLowerCase()}${route.path.replace(/[/:_]([a-z])/g, (_, letter: string) => letter.toUpperCase())}`,
    tags: [tagOf(route.path)],
    ...(route.summary ? { summary: route.summary } : {}),
    parameters: parametersOf(route),
    ...(route.body
      ? { requestBody: { required: true, content: { "application/json": { schema: jsonSchema(route.body, "input") } } } }
      : {}),
    responses: responsesOf(route),
    security: securityOf(route),
  };
}

/** The document, for `/api/openapi.json`. `version` is the package's. */
export function openApiDocument(version: string): JsonSchema {
  const paths: Record<string, Record<string, JsonSchema>> = {};
  for (const route of HTTP_API.filter((route) => !INTERNAL.test(route.path))) {
    const path = route.path.replace(/:([a-z_]+)/g, "{$1}");
    (paths[path] ??= {})[route.method.toLowerCase()] = operationOf(route);
  }
  return {
    openapi: "3.1.0",
    info: {
      title: "Parley API",
      version,
      description: "Widget, chat, dashboard and admin routes. Errors are always {error: {code, message, details?}}.",
    },
    paths,
    components: {
      securitySchemes: {
        visitorToken: { type: "http", scheme: "bearer", description: "The visitor token from session init" },
        agentCookie: { type: "apiKey", in: "cookie", name: "parley_session", description: "An agent's sign-in" },
      },
      responses: {
        Error: { description: "An error", content: { "application/json": { schema: jsonSchema(ApiErrorBodySchema, "output") } } },
      },
      schemas: {
        WidgetClientFrame: jsonSchema(ClientFrameSchema, "input"),
        WidgetServerFrame: jsonSchema(ServerFrameSchema, "output"),
        DashboardClientFrame: jsonSchema(DashboardClientFrameSchema, "input"),
        DashboardServerFrame: jsonSchema(DashboardServerFrameSchema, "output"),
      },
    },
  };
}
