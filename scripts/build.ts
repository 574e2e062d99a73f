import { cpSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { ROOT } from "./lib/wrangler";

const out = join(ROOT, "dist/public");
mkdirSync(out, { recursive: true });
cpSync(join(ROOT, "widget/demo/index.html"), join(out, "index.html"));
