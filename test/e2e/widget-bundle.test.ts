import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { BUDGETS, measureBundles } from "../../widget/build/bundle-sizes";
import { LOADER_FILE, PANEL_SUBDIR, PUBLIC_DIR, WIDGET_DIR } from "../../widget/build/paths";

/** Every source file of the widget (its build scripts excluded). */
function widgetSources(dir = WIDGET_DIR): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === "build" ? [] : widgetSources(path);
    return /\.(tsx?|html)$/.test(name) ? [path] : [];
  });
}

// `npm test` builds first, so dist/public holds exactly what these sources produce.
describe("the built widget", () => {
  const sizes = measureBundles();

  it("keeps the loader within 4 KB gzip and loader + panel within 30 KB gzip", () => {
    expect(sizes.panelFiles.length).toBeGreaterThan(0);
    expect(sizes.loader.gzip).toBeLessThanOrEqual(BUDGETS.loaderGzip);
    expect(sizes.total.gzip).toBeLessThanOrEqual(BUDGETS.totalGzip);
  });

  it("ships a classic-script loader that imports the hashed chunks, and no zod", () => {
    const loader = readFileSync(join(PUBLIC_DIR, LOADER_FILE), "utf8");
    expect(loader.startsWith("(function(){")).toBe(true);
    expect(loader).not.toMatch(/^\s*(import|export)\s/m);
    for (const entry of ["panel", "preview", "identity"]) {
      const chunk = sizes.chunkFiles.find((name) => name.startsWith(`${entry}-`));
      expect(chunk, entry).toBeDefined();
      expect(loader).toContain(chunk);
    }
    for (const file of [LOADER_FILE, ...sizes.chunkFiles.map((name) => `${PANEL_SUBDIR}/${name}`)]) {
      expect(readFileSync(join(PUBLIC_DIR, file), "utf8"), file).not.toMatch(/ZodError|zod/);
    }
  });

  it("never renders markup from strings: no innerHTML anywhere in the widget's sources", () => {
    const offenders = widgetSources().filter((path) => /innerHTML|outerHTML|insertAdjacentHTML|dangerouslySetInnerHTML/.test(readFileSync(path, "utf8")));
    expect(offenders).toEqual([]);
  });
});
