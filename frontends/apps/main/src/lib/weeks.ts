/** ISO weeks ("2026-W49") as the server counts them: Monday to Sunday in Tashkent. */

const DAY = 86_400_000;
// Tashkent is UTC+5 all year (no daylight saving), so a fixed shift gives its calendar day.
const TASHKENT_OFFSET = 5 * 3_600_000;
const PATTERN = /^(\d{4})-W(\d{2})$/;

/** The ISO week of a calendar day given as UTC midnight. */
function weekOfDay(day: Date): string {
  const weekday = (day.getUTCDay() + 6) % 7; // Monday 0
  const thursday = new Date(day.getTime() + (3 - weekday) * DAY);
  const year = thursday.getUTCFullYear();
  const number = Math.floor((thursday.getTime() - Date.UTC(year, 0, 1)) / DAY / 7) + 1;
  return `${year}-W${String(number).padStart(2, "0")}`;
}

/** The week a moment falls in, by Tashkent's calendar. */
export function weekContaining(moment: Date): string {
  const local = new Date(moment.getTime() + TASHKENT_OFFSET);
  return weekOfDay(
    new Date(Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate())),
  );
}

/** The Monday of a week (UTC midnight of that calendar day), or null for a name that is no week. */
export function mondayOf(week: string): Date | null {
  const match = PATTERN.exec(week);
  if (!match) return null;
  const year = Number(match[1]);
  const jan4 = new Date(Date.UTC(year, 0, 4));
  const firstMonday = jan4.getTime() - ((jan4.getUTCDay() + 6) % 7) * DAY;
  const monday = new Date(firstMonday + (Number(match[2]) - 1) * 7 * DAY);
  // 2026-W60 would roll over into the next year: not a week.
  return weekOfDay(monday) === week ? monday : null;
}

export function isWeek(value: string | null): value is string {
  return value !== null && mondayOf(value) !== null;
}

/** The week `by` weeks after (or before, when negative) a valid week. */
export function shiftWeek(week: string, by: number): string {
  const monday = mondayOf(week);
  if (!monday) throw new Error(`not a week: ${week}`);
  return weekOfDay(new Date(monday.getTime() + by * 7 * DAY));
}

/** "30.11–06.12.2026": the days a week covers, as the report's message writes them. */
export function weekDays(week: string): string {
  const monday = mondayOf(week);
  if (!monday) return week;
  const sunday = new Date(monday.getTime() + 6 * DAY);
  const dm = (d: Date) =>
    `${String(d.getUTCDate()).padStart(2, "0")}.${String(d.getUTCMonth() + 1).padStart(2, "0")}`;
  return `${dm(monday)}–${dm(sunday)}.${sunday.getUTCFullYear()}`;
}
