import { fileURLToPath } from "node:url";
import { build } from "vite";
import { buildWidget } from "../widget/build/build-widget";

/**
 * `npm run build`: the static assets Workers serves from dist/public. The widget build runs first
 * and empties the folder; the dashboard then writes dist/public/dashboard only.
 */
await buildWidget();
await build({ configFile: fileURLToPath(new URL("../dashboard/vite.config.ts", import.meta.url)), logLevel: "warn" });
