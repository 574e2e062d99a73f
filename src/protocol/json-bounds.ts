import { METADATA_MAX_CHARS, METADATA_MAX_DEPTH, METADATA_MAX_ENTRIES } from "./limits";
import { isWellFormed } from "./text";

/**
 * Why `value` is not acceptable as `metadata` (SPEC §10 bounds), or null when it is. Walks the
 * value with an explicit stack, never recursion, and stops at the first bound crossed, so input
 * nested 10,000 levels deep costs no more than input nested six levels deep.
 */
export function metadataProblem(value: unknown): string | null {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return "metadata must be a JSON object";
  const stack: Array<[unknown, number]> = [[value, 1]];
  let entries = 0;
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!;
    if (typeof node === "string" && !isWellFormed(node)) return "metadata text must be well-formed Unicode";
    if (typeof node !== "object" || node === null) continue;
    if (depth > METADATA_MAX_DEPTH) return `metadata may nest at most ${METADATA_MAX_DEPTH} levels deep`;
    const children: unknown[] = Array.isArray(node) ? node : Object.values(node);
    entries += children.length;
    if (entries > METADATA_MAX_ENTRIES) return `metadata may hold at most ${METADATA_MAX_ENTRIES} keys and items in all`;
    if (!Array.isArray(node)) {
      for (const key of Object.keys(node)) {
        if (key === "__proto__" || !isWellFormed(key)) return `metadata keys must be well-formed and not "__proto__"`;
      }
    }
    for (const child of children) stack.push([child, depth + 1]);
  }
  if (JSON.stringify(value).length > METADATA_MAX_CHARS) return `metadata must serialize to at most ${METADATA_MAX_CHARS} characters`;
  return null;
}
