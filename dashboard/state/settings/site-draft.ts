import { computed, signal, type Signal } from "@preact/signals";
import type { CreateSiteBody, OpeningRange, Site, Theme, WhenAway } from "@parley/protocol";
import type { FieldIssue } from "../../lib/http";
import { browserTimeZone } from "../../lib/time-zones";

/** A row of an editable list; its id keys the row and the error shown beside it. */
export interface DraftRow<T> {
  id: number;
  value: Signal<T>;
}

export interface RangeValue {
  day: number;
  open: string;
  close: string;
}

/**
 * A new site's look: the server's own default (`DEFAULT_THEME` of src/protocol/site.ts), written
 * out because that module carries zod, which the dashboard's bundle leaves out.
 */
const NEW_SITE_THEME: Theme = { color: "#4f46e5", mode: "auto", position: "right" };

/** The hours a site gets when an admin first turns business hours on: Monday to Friday, 9 to 5. */
const WORKING_WEEK: RangeValue[] = [1, 2, 3, 4, 5].map((day) => ({ day, open: "09:00", close: "17:00" }));

/** A time field cannot show 24:00: the form shows 00:00 for "until midnight" and sends 24:00. */
const MIDNIGHT = "00:00";
const END_OF_DAY = "24:00";

let nextRowId = 1;
const row = <T>(value: T): DraftRow<T> => ({ id: nextRowId++, value: signal(value) });

/** The form's fields as signals, filled from a saved site or with a new site's defaults. */
function draftFields(site: Site | null) {
  const theme: Theme = site?.theme ?? NEW_SITE_THEME;
  const hours = site?.business_hours ?? null;
  const origins = site?.allowed_origins ?? [];
  return {
    name: signal(site?.name ?? ""),
    // One empty row to type into when there is none yet.
    origins: signal((origins.length > 0 ? origins : [""]).map(row)),
    color: signal(theme.color),
    mode: signal(theme.mode),
    position: signal(theme.position),
    greeting: signal(site?.greeting ?? "Hi there! How can we help?"),
    locale: signal(site?.locale ?? "en"),
    botEnabled: signal(site?.bot_enabled ?? true),
    hoursOn: signal(hours !== null),
    timezone: signal(hours?.timezone ?? browserTimeZone()),
    ranges: signal((hours?.days ?? WORKING_WEEK).map((range) => row(shownRange(range)))),
    onlyWhenAgentsOnline: signal(site?.only_when_agents_online ?? false),
    awayMessage: signal(site?.away_message ?? "We're away right now. Leave your email and we'll get back to you."),
    whenAway: signal<WhenAway>(site?.when_away ?? "form"),
  };
}

type DraftFields = ReturnType<typeof draftFields>;

/**
 * The site form's model (SPEC §5 sites, §12 availability): every field as a signal, so the live
 * preview redraws as the admin types, and the server's 400 issues mapped back onto the fields
 * and list rows they name.
 */
export function siteDraft(site: Site | null) {
  const fields = draftFields(site);
  /** Messages by field key (`name`, `theme.color`, `origin:<row id>`, `range:<row id>`…). */
  const issues = signal<Record<string, string>>({});
  const body = computed(() => bodyOf(fields).body);
  const saved = signal(site ? JSON.stringify(bodyOf(draftFields(site)).body) : null);
  return {
    ...fields,
    issues,
    body,
    /** True once the form differs from what the server has (always, for a site not yet created). */
    dirty: computed(() => JSON.stringify(body.value) !== saved.value),
    /** After a save: the server's copy is the new baseline, its origins as it wrote them (`https://shop.example`). */
    markSaved(site: Site) {
      const origins = site.allowed_origins;
      fields.origins.value = (origins.length > 0 ? origins : [""]).map(row);
      issues.value = {};
      saved.value = JSON.stringify(bodyOf(draftFields(site)).body);
    },
    addOrigin: () => (fields.origins.value = [...fields.origins.value, row("")]),
    removeOrigin: (id: number) => (fields.origins.value = fields.origins.value.filter((origin) => origin.id !== id)),
    addRange: (day: number) => (fields.ranges.value = [...fields.ranges.value, row({ day, open: "09:00", close: "17:00" })]),
    removeRange: (id: number) => (fields.ranges.value = fields.ranges.value.filter((range) => range.id !== id)),
    /** Shows the issues of a refused save beside their fields; returns those no field shows. */
    showIssues(found: readonly FieldIssue[]): string[] {
      const { originRows, rangeRows } = bodyOf(fields);
      const byField: Record<string, string> = {};
      const elsewhere: string[] = [];
      for (const issue of found) {
        const key = fieldKey(issue.path, originRows, rangeRows);
        if (key === null) elsewhere.push(issue.message);
        else byField[key] ??= issue.message;
      }
      issues.value = byField;
      return elsewhere;
    },
  };
}

export type SiteDraft = ReturnType<typeof siteDraft>;

function shownRange(range: OpeningRange): RangeValue {
  return { day: range.day, open: range.open, close: range.close === END_OF_DAY ? MIDNIGHT : range.close };
}

/**
 * The request body of the form, and which row each sent list item came from: blank origin rows
 * are left out, so `allowed_origins.2` of an answer may be the form's fourth row.
 */
function bodyOf(draft: DraftFields) {
  const origins = draft.origins.value.filter((origin) => origin.value.value.trim() !== "");
  const ranges = [...draft.ranges.value].sort((a, b) => a.value.value.day - b.value.value.day || a.value.value.open.localeCompare(b.value.value.open));
  const body: CreateSiteBody = {
    name: draft.name.value,
    allowed_origins: origins.map((origin) => origin.value.value.trim()),
    theme: { color: draft.color.value, mode: draft.mode.value, position: draft.position.value },
    greeting: draft.greeting.value,
    locale: draft.locale.value,
    bot_enabled: draft.botEnabled.value,
    business_hours: draft.hoursOn.value
      ? {
          timezone: draft.timezone.value,
          days: ranges.map(({ value: { value } }) => ({ ...value, close: value.close === MIDNIGHT ? END_OF_DAY : value.close })),
        }
      : null,
    only_when_agents_online: draft.onlyWhenAgentsOnline.value,
    away_message: draft.awayMessage.value,
    when_away: draft.whenAway.value,
  };
  return { body, originRows: origins.map((origin) => origin.id), rangeRows: draft.hoursOn.value ? ranges.map((range) => range.id) : [] };
}

/** The form's key for an issue's path, or null when no field of the form shows it. */
function fieldKey(path: string, originRows: number[], rangeRows: number[]): string | null {
  const parts = path.split(".");
  if (parts[0] === "allowed_origins") return parts[1] === undefined ? "allowed_origins" : `origin:${originRows[Number(parts[1])]}`;
  if (parts[0] === "business_hours" && parts[1] === "days" && parts[2] !== undefined) return `range:${rangeRows[Number(parts[2])]}`;
  if (parts[0] === "business_hours") return parts[1] === "timezone" ? "business_hours.timezone" : "business_hours";
  if (parts[0] === "theme") return "theme.color";
  return ["name", "greeting", "locale", "away_message"].includes(parts[0]!) ? parts[0]! : null;
}
