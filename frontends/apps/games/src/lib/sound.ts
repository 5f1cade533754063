/**
 * Little sounds made on the spot with Web Audio (no files to download): a pop for a merge, a
 * chime for a cleared line, a jingle for coins. Silent when the player turned sound off, or when
 * the browser has no Web Audio.
 */
export type SoundName = "move" | "merge" | "drop" | "clear" | "tetris" | "win" | "over" | "coins";

type Note = { frequency: number; at: number; length: number; type?: OscillatorType; gain?: number };

const NOTES: Record<SoundName, Note[]> = {
  move: [{ frequency: 440, at: 0, length: 0.05, type: "triangle", gain: 0.05 }],
  merge: [
    { frequency: 523, at: 0, length: 0.08, type: "triangle" },
    { frequency: 784, at: 0.05, length: 0.1, type: "triangle" },
  ],
  drop: [{ frequency: 160, at: 0, length: 0.09, type: "square", gain: 0.05 }],
  clear: [
    { frequency: 659, at: 0, length: 0.1 },
    { frequency: 880, at: 0.08, length: 0.14 },
  ],
  tetris: [
    { frequency: 523, at: 0, length: 0.1 },
    { frequency: 659, at: 0.09, length: 0.1 },
    { frequency: 784, at: 0.18, length: 0.1 },
    { frequency: 1047, at: 0.27, length: 0.22 },
  ],
  win: [
    { frequency: 784, at: 0, length: 0.12 },
    { frequency: 988, at: 0.12, length: 0.12 },
    { frequency: 1175, at: 0.24, length: 0.3 },
  ],
  over: [
    { frequency: 392, at: 0, length: 0.16, type: "triangle" },
    { frequency: 330, at: 0.15, length: 0.16, type: "triangle" },
    { frequency: 262, at: 0.3, length: 0.3, type: "triangle" },
  ],
  coins: [
    { frequency: 1319, at: 0, length: 0.08 },
    { frequency: 1760, at: 0.07, length: 0.16 },
  ],
};

let context: AudioContext | null = null;

function audio(): AudioContext | null {
  if (context) return context;
  const Constructor =
    globalThis.AudioContext ??
    (globalThis as unknown as { webkitAudioContext?: typeof AudioContext }).webkitAudioContext;
  if (!Constructor) return null;
  try {
    context = new Constructor();
  } catch {
    return null;
  }
  return context;
}

/** Play a sound now (the first one after a tap or a key press unlocks the audio). */
export function play(name: SoundName, enabled: boolean): void {
  if (!enabled) return;
  const ctx = audio();
  if (!ctx) return;
  if (ctx.state === "suspended") void ctx.resume();
  const start = ctx.currentTime + 0.01;
  for (const note of NOTES[name]) {
    const oscillator = ctx.createOscillator();
    const gain = ctx.createGain();
    oscillator.type = note.type ?? "sine";
    oscillator.frequency.value = note.frequency;
    const peak = note.gain ?? 0.08;
    gain.gain.setValueAtTime(0.0001, start + note.at);
    gain.gain.exponentialRampToValueAtTime(peak, start + note.at + 0.01);
    gain.gain.exponentialRampToValueAtTime(0.0001, start + note.at + note.length);
    oscillator.connect(gain).connect(ctx.destination);
    oscillator.start(start + note.at);
    oscillator.stop(start + note.at + note.length + 0.02);
  }
}
