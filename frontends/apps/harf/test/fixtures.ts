import { apiError, json, signedInApi } from "./harness.tsx";

export const child = { id: "c1", role: "student", first_name: "Ali" };

const word = (text: string, emoji: string) => ({
  text,
  emoji,
  translations: { ru: `${text}-ru`, en: `${text}-en` },
});

export const letters = [
  {
    number: 1,
    upper: "A",
    lower: "a",
    name: "a",
    ipa: "ɑ",
    kind: "letter",
    sound: "uz-a",
    latin: null,
    free: true,
    words: [word("ari", "🐝"), word("tarvuz", "🍉"), word("olma", "🍎")],
  },
  {
    number: 2,
    upper: "B",
    lower: "b",
    name: "be",
    ipa: "b",
    kind: "letter",
    sound: "uz-b",
    latin: null,
    free: true,
    words: [word("baliq", "🐟"), word("kabob", "🍢"), word("tarvuz", "🍉")],
  },
  {
    number: 3,
    upper: "D",
    lower: "d",
    name: "de",
    ipa: "d",
    kind: "letter",
    sound: "uz-d",
    latin: null,
    free: false,
    words: [word("daraxt", "🌳"), word("odam", "🧑"), word("obod", "🏡")],
  },
];

export const alphabet = {
  code: "uz-Latn",
  language: "uz",
  script: "Latn",
  name: "Oʻzbek (lotin)",
  letter_count: letters.length,
  free_letters: 2,
  letters,
};

export const A_STROKES = [
  [
    [0.4, 0],
    [0, 1],
  ],
  [
    [0.4, 0],
    [0.8, 1],
  ],
  [
    [0.15, 0.62],
    [0.65, 0.62],
  ],
];

export function exercise(kind: string, extra: Record<string, unknown> = {}) {
  return {
    id: `e-${kind}`,
    alphabet: "uz-Latn",
    letter: 1,
    kind,
    prompt: "",
    emoji: null,
    word: null,
    choices: ["a", "b", "d", "e"],
    strokes: null,
    ...extra,
  };
}

export function progress(statuses: string[], open = 2) {
  return {
    alphabet: "uz-Latn",
    mastered: statuses.filter((s) => s === "mastered").length,
    learning: statuses.filter((s) => s === "learning").length,
    not_started: statuses.filter((s) => s === "not_started").length,
    open_letters: open,
    letters: statuses.map((status, i) => ({
      letter: i + 1,
      upper: letters[i]?.upper ?? "?",
      status,
      box: status === "mastered" ? 4 : status === "learning" ? 1 : 0,
      right: 0,
      wrong: 0,
    })),
  };
}

/** A child's backend: the alphabet, their progress and day, their coins, and sound files. */
export function harfApi(options: { audio?: "file" | "unavailable" } = {}) {
  return signedInApi(child)
    .on("GET /api/main/wallet", { user_id: "c1", balance: 120, streak_days: 0 })
    .on("GET /api/harf/alphabets/:code", alphabet)
    .on(
      "GET /api/harf/alphabets/:code/progress",
      progress(["learning", "not_started", "not_started"]),
    )
    .on("GET /api/harf/today", { goal: 10, done: 3, streak: 2 })
    .on("GET /api/harf/tracing", { tolerance: 0.14, coverage: 0.8, precision: 0.75 })
    .on("GET /api/harf/alphabets/:code/letters/:number/audio", () =>
      options.audio === "unavailable"
        ? apiError(503, "audio_unavailable")
        : json(200, {
            url: "/api/harf/media/harf/audio/generated/x.mp3?expires=1&signature=s",
            media_type: "audio/mpeg",
            recorded: false,
          }),
    );
}

export { json };
