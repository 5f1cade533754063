/** Dates and numbers as people read them in each language. */

const LOCALES: Record<string, string> = { ru: "ru-RU", en: "en-GB" };
const UZ_MONTHS = [
  "yanvar",
  "fevral",
  "mart",
  "aprel",
  "may",
  "iyun",
  "iyul",
  "avgust",
  "sentabr",
  "oktabr",
  "noyabr",
  "dekabr",
];

/** "27-noyabr, 2026 14:05": browsers' own Uzbek formats differ (some print "2026 M11 27"). */
function formatUzbek(date: Date, withTime: boolean): string {
  const day = `${date.getDate()}-${UZ_MONTHS[date.getMonth()]}, ${date.getFullYear()}`;
  if (!withTime) return day;
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${day} ${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

export function formatDate(
  value: string | null | undefined,
  language: string,
  withTime = false,
): string {
  if (!value) return "";
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return "";
  if (language === "uz") return formatUzbek(date, withTime);
  return new Intl.DateTimeFormat(LOCALES[language] ?? language, {
    dateStyle: "medium",
    ...(withTime ? { timeStyle: "short" } : {}),
  }).format(date);
}

/** A month ("2026-12" or its first day "2026-12-01") as people say it: "dekabr 2026",
 * "декабрь 2026 г.", "December 2026" (browsers' Uzbek month names differ, as for dates). */
export function formatMonth(value: string, language: string): string {
  const [year, month] = value.split("-").map(Number);
  if (!year || !month) return value;
  if (language === "uz") return `${UZ_MONTHS[month - 1]} ${year}`;
  return new Intl.DateTimeFormat(LOCALES[language] ?? language, {
    month: "long",
    year: "numeric",
  }).format(new Date(year, month - 1, 15));
}

/** Whole numbers with the grouping people read: "29 900" (uz, ru), "29,900" (en). */
export function formatNumber(value: number, language: string): string {
  const grouped = new Intl.NumberFormat("en-US", { maximumFractionDigits: 2 }).format(value);
  return language === "en" ? grouped : grouped.replace(/,/g, "\u00a0");
}

/** Tiyin as so'm: 2 990 000 tiyin -> "29 900" (the unit is added by the text). */
export function formatSoum(tiyin: number, language: string): string {
  return formatNumber(tiyin / 100, language);
}
