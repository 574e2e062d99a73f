import { parseArgs } from "node:util";
import { z } from "zod";
import { inviteUrl, mintInvite } from "../src/auth/invite-links";
import { CreateAgentBodySchema, requiredTextSchema } from "../src/protocol";
import { firstAdminSql } from "./lib/first-admin";
import { wranglerJson } from "./lib/wrangler";

const DEFAULT_URL = "http://127.0.0.1:8787";

const USAGE = `npm run admin:create -- --email EMAIL --name NAME [--workspace NAME] [--url BASE_URL] [--remote | --persist-to DIR]

Creates a workspace and its first admin in D1 (local unless --remote) and prints a one-time
sign-in link with which the admin chooses a password. Refuses an email that already exists.
  --workspace  the workspace's name (default: the email's domain)
  --url        the worker's address, where the link points (default: ${DEFAULT_URL}, the local dev server)
  --remote     the deployed D1 database instead of the local one
  --persist-to the local D1's directory, as for wrangler dev (default: wrangler's own)`;

/** The longest workspace name; the same bound as an agent's name. */
const WORKSPACE_NAME_MAX = 120;

const OptionsSchema = z.object({
  email: CreateAgentBodySchema.shape.email,
  name: CreateAgentBodySchema.shape.name,
  workspace: requiredTextSchema(WORKSPACE_NAME_MAX).optional(),
  url: z.url({ protocol: /^https?$/, error: "an http(s) address, e.g. https://chat.example.com" }),
  remote: z.boolean(),
  "persist-to": z.string().min(1).optional(),
});

type StatementResult = { results: Record<string, unknown>[] };

/** Exits with `code` after saying why on stderr. */
function refuse(message: string, code = 1): never {
  console.error(message);
  process.exit(code);
}

function readOptions(): z.infer<typeof OptionsSchema> {
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        email: { type: "string" },
        name: { type: "string" },
        workspace: { type: "string" },
        url: { type: "string", default: DEFAULT_URL },
        remote: { type: "boolean", default: false },
        "persist-to": { type: "string" },
        help: { type: "boolean", default: false },
      },
    }));
  } catch (error) {
    refuse(`${error instanceof Error ? error.message : String(error)}\n\n${USAGE}`, 2);
  }
  if (values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  const parsed = OptionsSchema.safeParse(values);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `  --${issue.path.join(".")}: ${issue.message}`).join("\n");
    refuse(`Nothing was created:\n${problems}\n\n${USAGE}`, 2);
  }
  if (parsed.data.remote && parsed.data["persist-to"]) refuse("--persist-to is for the local database; leave it out with --remote", 2);
  return parsed.data;
}

/**
 * First run (`npm run admin:create`): the workspace, its first admin and their one-time sign-in
 * link (SPEC §5 invites), written with `wrangler d1 execute`. Only the link's SHA-256 is stored.
 */
async function main(): Promise<void> {
  const options = readOptions();
  const now = Date.now();
  const invite = await mintInvite(now);
  const sql = firstAdminSql({
    workspaceId: crypto.randomUUID(),
    workspaceName: options.workspace ?? options.email.split("@")[1]!,
    agentId: crypto.randomUUID(),
    email: options.email,
    name: options.name,
    inviteId: invite.id,
    inviteExpiresAt: invite.expiresAt,
    now,
  });
  const where = options.remote ? ["--remote"] : ["--local", ...(options["persist-to"] ? ["--persist-to", options["persist-to"]] : [])];
  let answers: StatementResult[];
  try {
    answers = await wranglerJson<StatementResult[]>(["d1", "execute", "DB", ...where, "--command", sql]);
  } catch (error) {
    const text = String(error);
    const hint = text.includes("no such table")
      ? `\nThe database has no tables yet: run ${options.remote ? "npx wrangler d1 migrations apply DB --remote" : "npm run db:migrate:local"} first.`
      : "";
    refuse(`Creating the admin failed; nothing was changed.${hint}\n${text}`);
  }
  if (answers.at(-1)?.results[0]?.created !== 1) {
    refuse(`An agent with the email ${options.email} already exists; nothing was changed. Choose another email, or ask an admin of their workspace for a sign-in link.`);
  }
  const link = inviteUrl(options.url, invite.token);
  console.log(`Created the workspace and its first admin, ${options.name} <${options.email}>.`);
  console.log(`One-time sign-in link (works once, for 7 days; open it to choose a password):\n\n  ${link}\n`);
}

await main();
