/**
 * `/api/docs`: the OpenAPI document as a page people read. Plain HTML and inline CSS, no script, so
 * it works under `default-src 'none'` and fetches nothing.
 */

type Json = Record<string, unknown>;

const ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

function escape(text: string): string {
  return text.replace(/[&<>"']/g, (char) => ESCAPES[char] ?? char);
}

function schemaBlock(title: string, schema: unknown): string {
  if (schema === undefined) return "";
  return `<details><summary>${escape(title)}</summary><pre>${escape(JSON.stringify(schema, null, 2))}</pre></details>`;
}

function authOf(security: Array<Record<string, unknown>>): string {
  if (security.length === 0) return "no sign-in";
  const names: Record<string, string> = { visitorToken: "visitor token (Bearer)", agentCookie: "agent cookie" };
  return security.map((scheme) => Object.keys(scheme).map((key) => names[key] ?? key).join(" + ")).join(" or ");
}

function parameterList(parameters: Json[]): string {
  if (parameters.length === 0) return "";
  const rows = parameters
    .map((p) => `<li><code>${escape(String(p.name))}</code> <span class="where">${escape(String(p.in))}${p.required ? ", required" : ""}</span></li>`)
    .join("");
  return `<ul class="params">${rows}</ul>`;
}

function operationHtml(method: string, path: string, operation: Json): string {
  const body = (operation.requestBody as Json | undefined)?.content as Json | undefined;
  const responses = operation.responses as Record<string, Json>;
  const [status, success] = Object.entries(responses).find(([code]) => code !== "default") ?? ["", {}];
  const answer = ((success.content as Json | undefined)?.["application/json"] as Json | undefined)?.schema;
  return `<article class="op" id="${escape(String(operation.operationId))}">
  <h3><span class="method ${method}">${method.toUpperCase()}</span> <code>${escape(path)}</code></h3>
  ${operation.summary ? `<p>${escape(String(operation.summary))}</p>` : ""}
  <p class="meta">${escape(authOf(operation.security as Array<Record<string, unknown>>))} · answers ${escape(status)} ${escape(String(success.description ?? ""))}</p>
  ${parameterList(operation.parameters as Json[])}
  ${schemaBlock("Request body", (body?.["application/json"] as Json | undefined)?.schema)}
  ${schemaBlock(`Answer (${status})`, answer)}
</article>`;
}

function frameList(title: string, schema: Json): string {
  const variants = ((schema.oneOf ?? schema.anyOf ?? []) as Json[]).map((variant) => {
    const type = ((variant.properties as Json | undefined)?.type as Json | undefined)?.const;
    return schemaBlock(typeof type === "string" ? type : "frame", variant);
  });
  return `<section><h3>${escape(title)}</h3>${variants.join("")}</section>`;
}

const STYLE = `
body{font:15px/1.5 system-ui,sans-serif;margin:0;color:#1f2937;background:#f8fafc}
main{max-width:960px;margin:0 auto;padding:24px 16px 64px}
h1{font-size:28px;margin:0 0 4px}h2{margin:40px 0 8px;text-transform:capitalize;border-bottom:1px solid #e2e8f0;padding-bottom:4px}
h3{font-size:16px;margin:0 0 4px;overflow-wrap:anywhere}
.op{background:#fff;border:1px solid #e2e8f0;border-radius:8px;padding:12px 16px;margin:12px 0}
.method{display:inline-block;min-width:56px;text-align:center;border-radius:4px;padding:0 6px;font-size:12px;color:#fff;background:#475569}
.get{background:#0369a1}.post{background:#15803d}.patch,.put{background:#a16207}.delete{background:#b91c1c}
.meta,.where{color:#475569;font-size:13px}.params{margin:4px 0;padding-left:20px}
pre{background:#0f172a;color:#e2e8f0;padding:12px;border-radius:6px;overflow:auto;font-size:12px}
summary{cursor:pointer;color:#1d4ed8}a{color:#1d4ed8}
@media (prefers-color-scheme:dark){body{background:#0b1220;color:#e2e8f0}.op{background:#111827;border-color:#1f2937}.meta,.where{color:#94a3b8}summary,a{color:#93c5fd}}`;

/** The whole page for an OpenAPI document made by `openApiDocument`. */
export function renderApiPage(document: Json): string {
  const info = document.info as Json;
  const byTag = new Map<string, string[]>();
  for (const [path, methods] of Object.entries(document.paths as Record<string, Record<string, Json>>)) {
    for (const [method, operation] of Object.entries(methods)) {
      const tag = String((operation.tags as string[])[0]);
      byTag.set(tag, [...(byTag.get(tag) ?? []), operationHtml(method, path, operation)]);
    }
  }
  const schemas = (document.components as Json).schemas as Record<string, Json>;
  const sections = [...byTag].map(([tag, operations]) => `<h2 id="${escape(tag)}">${escape(tag)}</h2>${operations.join("")}`);
  const contents = [...byTag.keys()].map((tag) => `<a href="#${escape(tag)}">${escape(tag)}</a>`).join(" · ");
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${escape(String(info.title))}</title><style>${STYLE}</style></head>
<body><main>
<h1>${escape(String(info.title))} <small>${escape(String(info.version))}</small></h1>
<p>${escape(String(info.description))} Machine-readable: <a href="/api/openapi.json">/api/openapi.json</a> (OpenAPI 3.1).</p>
<nav>${contents} · <a href="#sockets">sockets</a></nav>
${sections.join("\n")}
<h2 id="sockets">Socket frames</h2>
<p>Every frame is JSON with a <code>type</code>. The widget's socket is <code>/ws/chat/:session_id</code>, the dashboard's <code>/api/dashboard/ws</code>.</p>
${frameList("Widget → server", schemas.WidgetClientFrame ?? {})}
${frameList("Server → widget", schemas.WidgetServerFrame ?? {})}
${frameList("Dashboard → server", schemas.DashboardClientFrame ?? {})}
${frameList("Server → dashboard", schemas.DashboardServerFrame ?? {})}
</main></body></html>`;
}
