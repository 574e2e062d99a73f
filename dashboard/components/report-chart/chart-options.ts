import type { ReportDay } from "@parley/protocol";
import uPlot from "uplot";
import type { ReportChartSpec, ReportSeries } from "./chart-spec";
import { dateMs } from "../../lib/report-dates";

/** Half a day in seconds: the x axis reaches this far past the first and last day, so their bars show whole. */
const HALF_DAY_S = 12 * 60 * 60;
/** The x axis's tick steps, in whole days (seconds): a tick between two days would name one of them twice. */
const DAY_STEPS_S = [1, 2, 3, 7, 14, 28, 56, 91, 182, 364].map((days) => days * 2 * HALF_DAY_S);
const FONT = "12px ui-sans-serif, system-ui, sans-serif";
/** Axis ticks and the hovered day, as calendar dates (UTC midnights, so the same day everywhere). */
const TICK = new Intl.DateTimeFormat(undefined, { timeZone: "UTC", month: "short", day: "numeric" });
const HOVERED = new Intl.DateTimeFormat(undefined, { timeZone: "UTC", weekday: "short", month: "short", day: "numeric" });

/** The page's colours, read from its custom properties when a chart is drawn. */
export interface ChartTheme {
  color: (property: string) => string;
}

export function themeOf(element: Element): ChartTheme {
  const style = getComputedStyle(element);
  return { color: (property) => style.getPropertyValue(property).trim() };
}

/**
 * The series in drawing order. Stacked bars are drawn as running totals, tallest first, so each
 * smaller one covers the lower part of the one before: the stack reads bottom-up in `spec` order.
 */
function drawn(spec: ReportChartSpec): ReportSeries[] {
  return spec.stacked ? [...spec.series].reverse() : spec.series;
}

/** uPlot's columns: days as UTC-midnight seconds, then one column per drawn series. */
export function chartData(spec: ReportChartSpec, days: readonly ReportDay[]): uPlot.AlignedData {
  const xs = days.map((day) => dateMs(day.date) / 1000);
  const plotted = (series: ReportSeries) => days.map((day) => series.plot(day));
  if (!spec.stacked) return [xs, ...spec.series.map(plotted)];
  const totals = days.map(() => 0);
  const running = spec.series.map((series) => plotted(series).map((value, i) => (totals[i]! += value ?? 0)));
  return [xs, ...running.reverse()];
}

function axis(theme: ChartTheme, scale: string, options: Partial<uPlot.Axis> = {}): uPlot.Axis {
  const line = { stroke: theme.color("--chart-grid"), width: 1 };
  return { scale, stroke: theme.color("--chart-text"), font: FONT, grid: line, ticks: { ...line, size: 4 }, ...options };
}

/** The uPlot options of one chart: sized by its box, coloured by the theme, its legend writing the table's words. */
export function chartOptions(spec: ReportChartSpec, days: readonly ReportDay[], size: { width: number; height: number }, theme: ChartTheme): uPlot.Options {
  const bars = uPlot.paths.bars!({ size: [spec.stacked ? 0.7 : 0.55, 28], align: 0 });
  const series: uPlot.Series[] = drawn(spec).map((entry) => {
    const color = theme.color(entry.color);
    const bar = entry.kind === "bar";
    return {
      label: entry.label,
      scale: entry.right ? "right" : "y",
      stroke: color,
      fill: bar ? color : undefined,
      width: bar ? 0 : 2,
      dash: entry.dashed ? [6, 4] : undefined,
      paths: bar ? bars : undefined,
      points: { show: !bar && days.length <= 31, size: 5, fill: color },
      // Values show for the hovered day only; otherwise the legend is just the key.
      value: (_u, _v, _s, index) => (index === null || days[index] === undefined ? "" : entry.text(days[index])),
    };
  });
  const scales: uPlot.Scales = {
    x: { time: true, range: (_u, min, max) => [min - HALF_DAY_S, max + HALF_DAY_S] },
    y: { range: spec.percentScale ? [0, 100] : (_u, _min, max) => uPlot.rangeNum(0, Math.max(max, 1), 0.1, true) },
  };
  const axes = [
    axis(theme, "x", { space: 56, incrs: DAY_STEPS_S, values: (_u, ticks) => ticks.map((seconds) => TICK.format(seconds * 1000)) }),
    axis(theme, "y", { size: 48, values: spec.percentScale ? (_u, ticks) => ticks.map((tick) => `${tick}%`) : undefined }),
  ];
  if (spec.rightAxis) {
    scales.right = { range: spec.rightAxis.range };
    axes.push(axis(theme, "right", { side: 1, size: 36, grid: { show: false } }));
  }
  return {
    ...size,
    // Calendar dates, split as the same days wherever the viewer is: the server already counted them in their zone.
    tzDate: (seconds) => uPlot.tzDate(new Date(seconds * 1000), "UTC"),
    series: [{ label: "Day", value: (_u, seconds) => (seconds === null ? "" : HOVERED.format(seconds * 1000)) }, ...series],
    scales,
    axes,
    cursor: { points: { size: 7 }, drag: { x: false, y: false } },
    legend: { live: true },
  };
}
