/** A group's weekly schedule as the form edits it, and what the API takes. */

export interface SlotDraft {
  weekday: number;
  starts_at: string;
  ends_at: string;
}

/** "14:00:00" and "14:00" both become "14:00" (the time input's value). */
export function shortTime(time: string): string {
  return time.slice(0, 5);
}

export function slotsFrom(slots: readonly SlotDraft[]): SlotDraft[] {
  return slots.map((s) => ({
    weekday: s.weekday,
    starts_at: shortTime(s.starts_at),
    ends_at: shortTime(s.ends_at),
  }));
}

/** Complete slots in week order; a slot that ends before it starts is the server's to refuse. */
export function slotsBody(slots: readonly SlotDraft[]): SlotDraft[] {
  return slots
    .filter((s) => s.starts_at && s.ends_at)
    .map((s) => ({ ...s }))
    .sort((a, b) => a.weekday - b.weekday || a.starts_at.localeCompare(b.starts_at));
}

/** Soum as typed ("450 000", "450000,50") to integer tiyin; null when it is not a number. */
export function soumToTiyin(text: string): number | null {
  const cleaned = text.replace(/[\s\u00a0]/g, "").replace(",", ".");
  if (!/^\d+(\.\d{1,2})?$/.test(cleaned)) return null;
  return Math.round(Number(cleaned) * 100);
}

export function tiyinToSoum(tiyin: number): string {
  return tiyin % 100 === 0 ? String(tiyin / 100) : (tiyin / 100).toFixed(2);
}
