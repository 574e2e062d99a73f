/** How the reports write their figures: the same words in cards, tables and chart legends. */

const whole = new Intl.NumberFormat();
const oneDecimal = new Intl.NumberFormat(undefined, { maximumFractionDigits: 1 });

/** Shown where there is nothing to measure (no sample, nothing to divide by). */
export const NONE = "–";

export const count = (value: number | null): string => (value === null ? NONE : whole.format(value));

/** A 0..1 rate as a percentage with one decimal. */
export const percent = (rate: number | null): string => (rate === null ? NONE : `${oneDecimal.format(rate * 100)}%`);

/** Seconds as "45 s", "72.5 min" or "3.2 h": minutes up to two hours, where an hour's tenth would hide six of them. */
export function duration(seconds: number | null): string {
  if (seconds === null) return NONE;
  if (seconds < 60) return `${whole.format(seconds)} s`;
  if (seconds < 7200) return `${oneDecimal.format(seconds / 60)} min`;
  return `${oneDecimal.format(seconds / 3600)} h`;
}

/** A 1–5 average with one decimal. */
export const score = (average: number | null): string => (average === null ? NONE : `${oneDecimal.format(average)} / 5`);

/** Seconds to minutes, the unit of the time charts' axis. */
export const minutes = (seconds: number | null): number | null => (seconds === null ? null : Math.round((seconds / 60) * 10) / 10);

/** A 0..1 rate in percent, the unit of the rates chart's axis. */
export const percentPoints = (rate: number | null): number | null => (rate === null ? null : Math.round(rate * 1000) / 10);
