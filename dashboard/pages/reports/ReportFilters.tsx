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
        <DateField label="From" value={reportFrom.value} bounds={{ max: reportTo.value }} problem={problem} choose={(from) => chooseDates(from, reportTo.value)} />
        <DateField label="To" value={reportTo.value} bounds={{ min: reportFrom.value }} problem={problem} choose={(to) => chooseDates(reportFrom.value, to)} />
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

/** One end of the range: a date input bounded by the other end, marked while the range is refused. */
function DateField(props: { label: string; value: string; bounds: { min?: string; max?: string }; problem: string | null; choose: (date: string) => void }) {
  const { label, value, bounds, problem, choose } = props;
  return (
    <label class="field report-filters__date">
      <span class="field__label">{label}</span>
      <input
        type="date"
        value={value}
        min={bounds.min || undefined}
        max={bounds.max || undefined}
        aria-invalid={problem ? "true" : undefined}
        aria-describedby={problem ? "report-range-problem" : undefined}
        onChange={(event) => choose(event.currentTarget.value)}
      />
    </label>
  );
}
