import { ApiErrorBodySchema, findHttpRoute } from "../../src/protocol";

/**
 * Checks one HTTP answer against the API contract (`HTTP_API` in src/protocol): a success has the
 * route's status and body schema, an error has the SPEC §5 error shape. Throws with what is
 * wrong, so a drifting server fails the test that saw it. Reads a clone; the caller's response
 * is left unread.
 */
export async function assertMatchesContract(method: string, url: string, response: Response): Promise<void> {
  const { pathname } = new URL(url);
  const where = `${method} ${pathname} → ${response.status}`;
  const route = findHttpRoute(method, pathname);
  if (response.status >= 400) {
    const body = await readJson(response, where);
    const parsed = ApiErrorBodySchema.safeParse(body);
    if (!parsed.success) throw new Error(`${where}: error body is not {error:{code,message}}: ${JSON.stringify(body).slice(0, 200)}`);
    if (response.status >= 500) throw new Error(`${where}: the server failed: ${JSON.stringify(body)}`);
    return;
  }
  if (!route) throw new Error(`${where}: no route of HTTP_API serves this path`);
  const allowed = [route.ok.status, ...(route.alsoOk ?? [])];
  if (!allowed.includes(response.status)) throw new Error(`${where}: expected ${allowed.join(" or ")}`);
  const schema = route.ok.body;
  if (schema === "upgrade") return;
  if (schema === "html") {
    if (!response.headers.get("Content-Type")?.startsWith("text/html")) throw new Error(`${where}: expected an HTML page`);
    return;
  }
  if (schema === "csv") {
    if (!response.headers.get("Content-Type")?.startsWith("text/csv")) throw new Error(`${where}: expected a CSV file`);
    if (!response.headers.get("Content-Disposition")?.startsWith("attachment")) throw new Error(`${where}: expected a download`);
    return;
  }
  if (schema === null) {
    const text = await response.clone().text();
    if (text !== "") throw new Error(`${where}: expected no body, got ${text.slice(0, 100)}`);
    return;
  }
  const body = await readJson(response, where);
  const parsed = schema.safeParse(body);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ");
    throw new Error(`${where}: body does not match its schema (${issues}): ${JSON.stringify(body).slice(0, 300)}`);
  }
}

async function readJson(response: Response, where: string): Promise<unknown> {
  const text = await response.clone().text();
  try {
    return JSON.parse(text);
  } catch {
    throw new Error(`${where}: body is not JSON: ${text.slice(0, 200)}`);
  }
}
