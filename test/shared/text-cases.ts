import type { TextProblem } from "../../src/protocol/text";

/**
 * One table of message texts and what must become of them (SPEC §10), read by the server's tests
 * (REST and socket) and by the widget's and dashboard's composer tests, so all three agree.
 * `max` is the deployed CHAT_MAX_MESSAGE_LENGTH the tests run with; `length` is in code points.
 */
export const TEXT_MAX = 1000;

const FAMILY = "\u{1F468}\u200D\u{1F469}\u200D\u{1F467}\u200D\u{1F466}"; // 7 code points, 11 UTF-16 units

export interface TextCase {
  name: string;
  text: string;
  /** null when the text is accepted. */
  problem: TextProblem | null;
  /** Code points after trimming. */
  length: number;
  /** What a composer keeps of a text that is too long: whole characters, at most TEXT_MAX code points. */
  clipped?: string;
}

export const TEXT_CASES: readonly TextCase[] = [
  { name: "plain words", text: "Where is my order?", problem: null, length: 18 },
  { name: "993 letters and a family emoji: 1,000 code points, 1,004 UTF-16 units", text: "a".repeat(993) + FAMILY, problem: null, length: 1000 },
  { name: "1,000 emoji: 1,000 code points, 2,000 UTF-16 units", text: "\u{1F600}".repeat(1000), problem: null, length: 1000 },
  { name: "1,001 code points", text: "b".repeat(1001), problem: "too_long", length: 1001, clipped: "b".repeat(1000) },
  {
    name: "994 letters and a family emoji: the emoji does not fit whole, so none of it is kept",
    text: "a".repeat(994) + FAMILY,
    problem: "too_long",
    length: 1001,
    clipped: "a".repeat(994),
  },
  { name: "1,000 letters after five spaces: trimmed, they fit", text: `     ${"z".repeat(1000)}`, problem: null, length: 1000 },
  { name: "Arabic with a question mark", text: "مرحبا؟", problem: null, length: 6 },
  { name: "ends in a lone high surrogate", text: "broken \uD83D", problem: "invalid_text", length: 8 },
  { name: "a lone low surrogate inside", text: "a\uDE00b", problem: "invalid_text", length: 3 },
  { name: "a NUL control character inside", text: "a\u0000b", problem: "invalid_text", length: 3 },
  { name: "spaces and newlines only", text: "  \n\t  ", problem: "empty", length: 0 },
  { name: "zero-width spaces only", text: "\u200B\u200B\u200B", problem: "empty", length: 3 },
  { name: "word joiner, byte order mark and Hangul filler", text: "\u2060\uFEFF\u3164", problem: "empty", length: 3 },
  { name: "blank Braille pattern and a no-break space", text: "\u2800\u00A0\u2800", problem: "empty", length: 3 },
  { name: "a zero-width space beside a letter", text: "\u200Bx", problem: null, length: 2 },
];
