import type { ReportDay } from "@parley/protocol";
import { useEffect, useRef } from "preact/hooks";
import uPlot from "uplot";
import "uplot/dist/uPlot.min.css";
import type { ReportChartSpec } from "./chart-spec";
import { chartData, chartOptions, themeOf } from "./chart-options";
import "./report-chart.css";

/** Phones get a shorter plot, so a chart and its legend fit one screen. */
const heightFor = (width: number) => (width < 480 ? 200 : 240);

/**
 * One report chart, drawn by uPlot on a canvas. Hidden from assistive technology: the table
 * under it (ReportTable) is its text alternative. It follows its box's width and is drawn again
 * when the colour scheme changes, since a canvas keeps the colours it was painted with.
 */
export function ReportChart({ spec, days }: { spec: ReportChartSpec; days: readonly ReportDay[] }) {
  const box = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const element = box.current;
    if (!element) return;
    let chart: uPlot | null = null;
    const draw = () => {
      chart?.destroy();
      const width = element.clientWidth;
      chart = new uPlot(chartOptions(spec, days, { width, height: heightFor(width) }, themeOf(element)), chartData(spec, days), element);
    };
    draw();
    const resized = new ResizeObserver(() => {
      const width = element.clientWidth;
      if (chart && width > 0 && width !== chart.width) chart.setSize({ width, height: heightFor(width) });
    });
    resized.observe(element);
    const scheme = matchMedia("(prefers-color-scheme: dark)");
    scheme.addEventListener("change", draw);
    return () => {
      scheme.removeEventListener("change", draw);
      resized.disconnect();
      chart?.destroy();
    };
  }, [spec, days]);

  return <div class="report-chart" ref={box} aria-hidden="true" data-chart={spec.id} />;
}
