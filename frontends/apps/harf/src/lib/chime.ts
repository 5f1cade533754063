/** A short happy or gentle tone after an answer, made with Web Audio (no file to download). */
let context: AudioContext | null = null;

export function chime(kind: "right" | "wrong"): void {
  const Constructor = globalThis.AudioContext;
  if (!Constructor) return;
  try {
    context ??= new Constructor();
    const notes = kind === "right" ? [659, 880] : [330, 262];
    notes.forEach((frequency, i) => {
      const ctx = context as AudioContext;
      const at = ctx.currentTime + i * 0.12;
      const oscillator = ctx.createOscillator();
      const gain = ctx.createGain();
      oscillator.type = "triangle";
      oscillator.frequency.value = frequency;
      gain.gain.setValueAtTime(0.08, at);
      gain.gain.exponentialRampToValueAtTime(0.001, at + 0.25);
      oscillator.connect(gain).connect(ctx.destination);
      oscillator.start(at);
      oscillator.stop(at + 0.26);
    });
  } catch {
    // no audio output: the picture says it too
  }
}
