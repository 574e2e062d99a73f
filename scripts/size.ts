import { BUDGETS, measureBundles, type Size } from "../widget/build/bundle-sizes";

/** `npm run size`: what the widget costs a host page, against the budgets (run after a build). */
const sizes = measureBundles();
const kb = (bytes: number): string => `${(bytes / 1024).toFixed(2)} KB`;
const row = (name: string, size: Size, budget?: number): string =>
  `${name.padEnd(16)}${kb(size.raw).padStart(11)}${kb(size.gzip).padStart(11)}` +
  (budget === undefined ? "" : `   budget ${kb(budget)} gzip ${size.gzip <= budget ? "ok" : "EXCEEDED"}`);

console.log(`${"".padEnd(16)}${"raw".padStart(11)}${"gzip".padStart(11)}`);
console.log(row("loader", sizes.loader, BUDGETS.loaderGzip));
console.log(row("panel", sizes.panel));
console.log(row("loader + panel", sizes.total, BUDGETS.totalGzip));
console.log(`\nwidget.js, panel: ${sizes.panelFiles.map((file) => `widget/${file}`).join(", ")}`);
console.log(`loaded when needed: ${[...sizes.lazy].map(([file, size]) => `widget/${file} (${kb(size.gzip)} gzip)`).join(", ")}`);
if (sizes.loader.gzip > BUDGETS.loaderGzip || sizes.total.gzip > BUDGETS.totalGzip) process.exitCode = 1;
