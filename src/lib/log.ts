/** One structured JSON log line per event (SPEC §11), readable in `wrangler tail` and Logpush. */
export function logEvent(event: string, fields: Record<string, unknown> = {}): void {
  console.log(JSON.stringify({ event, at: new Date().toISOString(), ...fields }));
}
