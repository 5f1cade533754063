import type { Olympiad, Round, State } from "./queries.ts";

export const ORGANIZERS = ["moderator", "admin", "organization"] as const;

/** The text in the chosen language, else in Uzbek (always filled in). */
export function localized(text: Record<string, string>, language: string): string {
  return text[language]?.trim() || text.uz || "";
}

/** The server's time now (ms): its clock as read with a response, moved on by this device's. */
export function serverNow(serverTime: string, receivedAt: number, now: number = Date.now()) {
  return Date.parse(serverTime) + (now - receivedAt);
}

/** The round that is open now, else the next one to open, else none (all are over). */
export function currentRound(olympiad: Olympiad, now: number): Round | undefined {
  return (
    olympiad.rounds.find((r) => Date.parse(r.opens_at) <= now && now < Date.parse(r.closes_at)) ??
    olympiad.rounds.find((r) => now < Date.parse(r.opens_at))
  );
}

export type Shelf = "drafts" | "open" | "upcoming" | "past";

const SHELVES: Record<State, Shelf> = {
  draft: "drafts",
  announced: "upcoming",
  registration: "open",
  waiting: "open",
  running: "open",
  finished: "past",
  results_published: "past",
};

/** The list's three groups (and an organizer's drafts), soonest first, the latest past first. */
export function shelve(olympiads: Olympiad[]): Record<Shelf, Olympiad[]> {
  const shelves: Record<Shelf, Olympiad[]> = { drafts: [], open: [], upcoming: [], past: [] };
  const firstOpen = (o: Olympiad) => Date.parse(o.rounds[0]?.opens_at ?? o.registration_opens_at);
  for (const olympiad of [...olympiads].sort((a, b) => firstOpen(a) - firstOpen(b))) {
    shelves[SHELVES[olympiad.state]].push(olympiad);
  }
  shelves.past.reverse();
  return shelves;
}

export function fitsGrade(olympiad: Olympiad, grade: number | null | undefined): boolean {
  return grade != null && olympiad.grade_min <= grade && grade <= olympiad.grade_max;
}

export function registrationOpen(olympiad: Olympiad, now: number): boolean {
  return (
    olympiad.state !== "draft" &&
    Date.parse(olympiad.registration_opens_at) <= now &&
    now < Date.parse(olympiad.registration_closes_at)
  );
}
