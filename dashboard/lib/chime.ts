/**
 * A short two-note chime synthesized with WebAudio, so the dashboard ships no audio files.
 * Browsers keep audio suspended until the page gets a user gesture: `unlockAudio` must run
 * inside a click, after which `playChime` works for the rest of the page's life.
 */
let context: AudioContext | null = null;

/** Alerts that come together (several messages of one report) ring once: one chime gets attention, five are noise. */
export const CHIME_GAP_MS = 1_500;

export function audioSupported(): boolean {
  return typeof AudioContext !== "undefined";
}

export async function unlockAudio(): Promise<boolean> {
  if (!audioSupported()) return false;
  context ??= new AudioContext();
  if (context.state === "suspended") await context.resume().catch(() => undefined);
  return context.state === "running";
}

export function audioUnlocked(): boolean {
  return context?.state === "running";
}

export function playChime(): void {
  if (!context || context.state !== "running") return;
  const start = context.currentTime + 0.01;
  // A rising major sixth (E5 → C#6): noticeable, but soft enough to hear all day.
  note(context, 659.25, start, 0.18);
  note(context, 1108.73, start + 0.12, 0.32);
}

function note(audio: AudioContext, frequency: number, at: number, length: number): void {
  const oscillator = audio.createOscillator();
  const gain = audio.createGain();
  oscillator.type = "sine";
  oscillator.frequency.value = frequency;
  gain.gain.setValueAtTime(0.0001, at);
  gain.gain.exponentialRampToValueAtTime(0.18, at + 0.015);
  gain.gain.exponentialRampToValueAtTime(0.0001, at + length);
  oscillator.connect(gain).connect(audio.destination);
  oscillator.start(at);
  oscillator.stop(at + length + 0.05);
}
