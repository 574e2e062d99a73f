/**
 * How many instances of each Durable Object class this isolate has constructed. An instance is
 * constructed on its first event and again after every eviction (hibernation), so the count is
 * how end-to-end tests prove an object really slept; only the development inspection route
 * reads it.
 */
const counts: Record<string, number> = {};

export function countConstruction(className: string): void {
  counts[className] = (counts[className] ?? 0) + 1;
}

export function constructions(): Readonly<Record<string, number>> {
  return { ...counts };
}
