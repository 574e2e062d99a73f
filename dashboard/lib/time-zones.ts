/** The time zone of this browser (`Europe/Berlin`): where a new site's business hours start. */
export function browserTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC";
}

/**
 * Every IANA time zone this browser knows, for the business hours' select: the server checks
 * with the same `Intl` list (SPEC §12). `current` is kept even if this browser lacks it.
 */
export function timeZoneChoices(current: string): string[] {
  const known = Intl.supportedValuesOf("timeZone");
  // Chromium lists "UTC" under no name of its own; it is what many teams choose.
  const all = new Set(["UTC", ...known]);
  all.add(current);
  return [...all].sort((a, b) => a.localeCompare(b));
}
