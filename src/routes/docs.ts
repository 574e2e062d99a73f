import { Hono } from "hono";
import type { AppEnv } from "../env";
import { openApiDocument } from "../protocol/openapi";
import { renderApiPage } from "./docs-page";

/** The package version the document states; bumped with releases. */
const API_VERSION = "0.1.0";

/**
 * The API's own documentation (SPEC §13): the OpenAPI document generated from the zod schemas, and
 * a page that reads it for people, loading nothing from anywhere (not even from this origin).
 */
export const docsRoutes = new Hono<AppEnv>();

/** Built once per isolate: the schemas do not change while it runs. */
let document: ReturnType<typeof openApiDocument> | null = null;

function apiDocument() {
  document ??= openApiDocument(API_VERSION);
  return document;
}

docsRoutes.get("/openapi.json", (c) => c.json(apiDocument()));

docsRoutes.get("/docs", (c) => {
  c.header("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'");
  return c.html(renderApiPage(apiDocument()));
});
