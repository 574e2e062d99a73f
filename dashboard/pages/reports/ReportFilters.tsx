import { sites } from "../../state/sites";
import {
  chooseDates,
  choosePreset,
  rangeProblem,
  REPORT_PRESETS,
  reportFrom,
  reportPreset,
  reportSiteId,
  reportTo,
} from "../../state/reports";

/**
 * The report's range (a preset or two dates) and site. Each change asks for the figures again;
 * a range the server would refuse is named under the dates instead.
 */
export function ReportFilters() {
  const problem = rangeProblem.value;
  return (
    <div class="report-filters">
      <div class="report-filters__presets" role="group" aria-label="Range">
        {REPORT_PRESETS.map((days) => (
          <button
            key={days}
            type="button"
            class="report-filters__preset"
            aria-pressed={reportPreset.value === days}
            onClick={() => choosePreset(days)}
          >
            Last {days} days
          </button>
        ))}
      </div>
      <div class="report-filters__fields">
        <label class="field report-filters__date">
          <span class="field__label">From</span>
          <input
            type="date"
            value={reportFrom.value}
            max={reportTo.value || undefined}
            aria-invalid={problem ? "true" : undefined}
            aria-describedby={problem ? "report-range-problem" : undefined}
            onChange={(event) => chooseDates(event.currentTarget.value, reportTo.value)}
          />
        </label>
        <label class="field report-filters__date">
          <span class="field__label">To</span>
          <input
            type="date"
            value={reportTo.value}
            min={reportFrom.value || undefined}
            aria-invalid={problem ? "true" : undefined}
            aria-describedby={problem ? "report-range-problem" : undefined}
            onChange={(event) => chooseDates(reportFrom.value, event.currentTarget.value)}
          />
        </label>
        {/* Not wrapped in its label: a wrapped select adds its chosen option to its own name. */}
        <div class="field report-filters__site">
          <label class="field__label" for="report-site">
            Site
          </label>
          <select id="report-site" value={reportSiteId.value} onChange={(event) => (reportSiteId.value = event.currentTarget.value)}>
            <option value="">All sites</option>
            {sites.value.map((site) => (
              <option key={site.id} value={site.id}>
                {site.name}
              </option>
            ))}
          </select>
        </div>
      </div>
      {problem && (
        <p class="field__error report-filters__problem" id="report-range-problem" role="alert">
          {problem}
        </p>
      )}
    </div>
  );
}
