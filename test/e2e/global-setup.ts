import { rmSync } from "node:fs";
import type { TestProject } from "vitest/node";
import { seededState } from "./support/dev-server";

declare module "vitest" {
  interface ProvidedContext {
    /** The run's migrated and seeded local state, which each test file's server copies (`seededState`). */
    e2eSeededState: string;
  }
}

/** Seeds once for the whole e2e run; the directory goes when the run ends. */
export default async function setup(project: TestProject): Promise<() => void> {
  const seeded = await seededState();
  project.provide("e2eSeededState", seeded);
  return () => rmSync(seeded, { recursive: true, force: true });
}
