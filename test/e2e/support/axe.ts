import { createRequire } from "node:module";
import type { Page } from "playwright-core";

/** What axe-core finds serious or critical on the page; each finding names its rule and elements, so a failure says what to fix. */
export async function serious(page: Page): Promise<string[]> {
  await page.addScriptTag({ path: createRequire(import.meta.url).resolve("axe-core/axe.min.js") });
  return page.evaluate(async () => {
    type Finding = { id: string; impact: string; nodes: { target: string[] }[] };
    const result = await (window as unknown as { axe: { run(): Promise<{ violations: Finding[] }> } }).axe.run();
    return result.violations
      .filter((v) => v.impact === "serious" || v.impact === "critical")
      .map((v) => `${v.id}: ${v.nodes.map((node) => node.target.join(" ")).join(", ")}`);
  });
}
