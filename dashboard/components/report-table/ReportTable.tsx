import type { ReportDay, ReportFigures } from "@parley/protocol";
import { shortDate } from "../../lib/report-dates";
import type { ReportChartSpec } from "../report-chart/chart-spec";
import "./report-table.css";

/**
 * A chart's figures as a table: its text alternative, and the exact numbers. Folded away under
 * the chart; the region scrolls sideways on a phone and takes focus, so a keyboard can scroll it.
 */
export function ReportTable({ spec, days, totals }: { spec: ReportChartSpec; days: readonly ReportDay[]; totals: ReportFigures }) {
  const caption = `${spec.title} by day`;
  return (
    <details class="report-table">
      <summary class="report-table__toggle">Figures by day</summary>
      <div class="report-table__scroll" role="region" aria-label={caption} tabIndex={0}>
        <table>
          <caption class="visually-hidden">{caption}</caption>
          <thead>
            <tr>
              <th scope="col">Date</th>
              {spec.series.map((series) => (
                <th scope="col" key={series.label}>
                  {series.label}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {days.map((day) => (
              <tr key={day.date}>
                <th scope="row">
                  <time dateTime={day.date}>{shortDate(day.date)}</time>
                </th>
                {spec.series.map((series) => (
                  <td key={series.label}>{series.text(day)}</td>
                ))}
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row">Whole range</th>
              {spec.series.map((series) => (
                <td key={series.label}>{series.text(totals)}</td>
              ))}
            </tr>
          </tfoot>
        </table>
      </div>
    </details>
  );
}
