/** Where coins come from (the ledger's `source`), with a picture for each; the names are texts. */
export const COIN_SOURCES = [
  "games",
  "tests",
  "lessons",
  "harf",
  "olympiads",
  "shop",
  "adjustment",
] as const;

const ICONS: Record<string, string> = {
  games: "🎮",
  tests: "📝",
  lessons: "📚",
  harf: "🔤",
  olympiads: "🏆",
  shop: "🛍️",
  adjustment: "🎁",
};

export function sourceIcon(source: string): string {
  return ICONS[source] ?? "🪙";
}

/** A new random key for a request that may be repeated (a purchase, an order). */
export function newKey(): string {
  if (typeof crypto !== "undefined" && "randomUUID" in crypto) return crypto.randomUUID();
  return `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 12)}`;
}
