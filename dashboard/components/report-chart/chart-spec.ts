import type { ReportFigures } from "@parley/protocol";

/** One figure of a chart: how to read it from a day, draw it, and write it in the table. */
export interface ReportSeries {
  label: string;
  /** A custom property of reports-page.css, read when the chart is drawn, so it follows the theme. */
  color: `--chart-${string}`;
  kind: "line" | "bar";
  /** Dashed: the p90 beside its p50. */
  dashed?: boolean;
  /** The right-hand axis (satisfaction's 1–5 average beside its counts). */
  right?: boolean;
  /** The value plotted, in the chart's unit. */
  plot: (figures: ReportFigures) => number | null;
  /** The value as the table and legend write it. */
  text: (figures: ReportFigures) => string;
}

export interface ReportChartSpec {
  id: string;
  title: string;
  /** What it shows, read under the title and by screen readers. */
  description: string;
  /** The left axis's unit. */
  unit: string;
  /** The right axis, when a series uses it. */
  rightAxis?: { unit: string; range: [number, number] };
  /** Bars drawn on top of one another, in the order of `series` from the bottom. */
  stacked?: boolean;
  /** A floor for the left axis's top, so a flat line at 100% does not fill the whole height. */
  percentScale?: boolean;
  series: ReportSeries[];
}
