import type { Page } from "playwright-core";
import type { ReportSummary } from "../../../src/protocol";
import { apiJson } from "./api";
import type { DevServer } from "./dev-server";
import { waitUntil } from "./dashboard-app";

const NUMBER = new Intl.NumberFormat("en-US");

/** The dashboard's Reports page (`#/reports`) as a test reads it, noting the summaries it asks for. */
export class ReportView {
  /** The query of the page's latest `GET /api/reports/summary`. */
  private asked = "";

  constructor(
    readonly page: Page,
    readonly server: DevServer,
    readonly cookie: string,
  ) {
    page.on("request", (request) => {
      const url = new URL(request.url());
      if (url.pathname === "/api/reports/summary") this.asked = url.search.slice(1);
    });
  }

  /** The value a totals card shows, e.g. "1,234" for "Conversations". */
  card(label: string): Promise<string> {
    return this.page.locator(".report-totals__card", { hasText: label }).locator(".report-totals__value").innerText();
  }

  /** A chart's section: its canvas, its table. */
  chart(id: string) {
    return this.page.locator(`section[aria-labelledby="report-${id}"]`);
  }

  /** The filters of the page's CSV link. */
  async csvQuery(): Promise<URLSearchParams> {
    const href = await this.page.getByRole("link", { name: "Export CSV" }).getAttribute("href");
    return new URL(href ?? "", this.server.origin).searchParams;
  }

  /** The server's summary for a query, as this page's agent. */
  summary(query: URLSearchParams): Promise<ReportSummary> {
    return apiJson<ReportSummary>(this.server, `/api/reports/summary?${query}`, { cookie: this.cookie });
  }

  /**
   * Waits until the page's latest summary request and its CSV link both carry `expected` (from,
   * to, site, tz) and the page shows the server's figures for that query, then returns them.
   */
  async waitForFigures(expected: Record<string, string>): Promise<ReportSummary> {
    const carries = (query: string) => Object.entries(expected).every(([name, value]) => (new URLSearchParams(query).get(name) ?? "") === value);
    const [asked] = await waitUntil(
      async () => [this.asked, (await this.csvQuery()).toString()] as const,
      ([summary, csv]) => carries(summary) && summary === csv,
      `the summary request and the CSV link carry ${JSON.stringify(expected)}`,
    );
    const summary = await this.summary(new URLSearchParams(asked));
    const shown = NUMBER.format(summary.totals.conversations);
    await waitUntil(
      async () => [await this.page.locator("main.reports").getAttribute("aria-busy"), await this.card("Conversations")],
      ([busy, card]) => busy === "false" && card === shown,
      `the Conversations card shows ${shown}`,
    );
    return summary;
  }

  /** Pixels of a chart's canvas painted in `rgb`: a series drawn with data covers many. */
  painted(id: string, rgb: [number, number, number]): Promise<number> {
    return this.chart(id)
      .locator("canvas")
      .evaluate((canvas: HTMLCanvasElement, [r, g, b]) => {
        const { data } = canvas.getContext("2d")!.getImageData(0, 0, canvas.width, canvas.height);
        let found = 0;
        for (let i = 0; i < data.length; i += 4) {
          if (Math.abs(data[i]! - r) < 8 && Math.abs(data[i + 1]! - g) < 8 && Math.abs(data[i + 2]! - b) < 8 && data[i + 3]! > 200) found++;
        }
        return found;
      }, rgb);
  }

  /** Resolves once every chart is drawn at its box's width (they follow the layout on resize). */
  async waitForChartsToFit(): Promise<void> {
    await waitUntil(
      () =>
        this.page.locator(".report-chart").evaluateAll((boxes) =>
          boxes.every((box) => {
            const canvas = box.querySelector("canvas");
            return canvas !== null && Math.abs(canvas.getBoundingClientRect().width - box.clientWidth) < 1;
          }),
        ),
      (fit) => fit,
      "every chart fits its box",
    );
  }
}
