/** The calendar's week: Monday to Sunday around a day, as the API writes dates. */

export function iso(day: Date): string {
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${day.getFullYear()}-${pad(day.getMonth() + 1)}-${pad(day.getDate())}`;
}

/** A date written YYYY-MM-DD, at local noon (no time zone turns it into the day before). */
export function parseDay(text: string | null): Date | null {
  if (!text || !/^\d{4}-\d{2}-\d{2}$/.test(text)) return null;
  const day = new Date(`${text}T12:00:00`);
  return Number.isNaN(day.getTime()) ? null : day;
}

/** The Monday of the week a day is in (weekday 0 is Monday, as in the groups' schedules). */
export function mondayOf(day: Date): Date {
  const monday = new Date(day);
  monday.setDate(day.getDate() - ((day.getDay() + 6) % 7));
  return monday;
}

export function addDays(day: Date, count: number): Date {
  const next = new Date(day);
  next.setDate(day.getDate() + count);
  return next;
}

/** The seven days of the week that holds `day`. */
export function weekDays(day: Date): string[] {
  const monday = mondayOf(day);
  return Array.from({ length: 7 }, (_, i) => iso(addDays(monday, i)));
}

/** Lessons by day, each day's in time order: the calendar's columns. */
export function byDay<L extends { on: string; starts_at: string }>(
  days: readonly string[],
  lessons: readonly L[],
): Map<string, L[]> {
  const columns = new Map<string, L[]>(days.map((d) => [d, []]));
  for (const lesson of lessons) columns.get(lesson.on)?.push(lesson);
  for (const list of columns.values()) list.sort((a, b) => a.starts_at.localeCompare(b.starts_at));
  return columns;
}
