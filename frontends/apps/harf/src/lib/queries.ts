import { type Api, call, type HarfComponents } from "@alif/api";
import { queryOptions } from "@tanstack/react-query";

type Schemas = HarfComponents["schemas"];
export type AlphabetCode = Schemas["AlphabetCode"];
export type AlphabetSummary = Schemas["AlphabetSummary"];
export type Alphabet = Schemas["AlphabetRead"];
export type Letter = Schemas["LetterRead"];
// The strokes arrive as plain arrays of numbers; the trace view reads them as points.
export type Exercise = Omit<Schemas["ExerciseRead"], "strokes"> & { strokes?: number[][][] | null };
export type ExerciseKind = Schemas["ExerciseKind"];
export type AnswerResult = Schemas["AnswerResult"];
export type Progress = Schemas["ProgressRead"];
export type LetterStatus = Schemas["LetterStatus"];
export type Today = Schemas["TodayRead"];
export type TraceRules = Schemas["TraceRules"];
export type Milestone = Schemas["MilestoneRead"];

/** The order a child sees them in: their own language's scripts first. */
export const ALPHABETS: AlphabetCode[] = ["uz-Latn", "uz-Cyrl", "ru", "en"];

export function isAlphabet(code: string | undefined): code is AlphabetCode {
  return ALPHABETS.includes(code as AlphabetCode);
}

export const keys = {
  alphabet: (code: AlphabetCode) => ["harf", "alphabet", code] as const,
  progress: (code: AlphabetCode) => ["harf", "progress", code] as const,
  today: ["harf", "today"] as const,
  rules: ["harf", "tracing"] as const,
};

// The letters are data that changes only with a deploy: fetched once a visit.
export const alphabetQuery = (api: Api, code: AlphabetCode) =>
  queryOptions({
    queryKey: keys.alphabet(code),
    queryFn: () => call(api.harf.GET("/api/harf/alphabets/{code}", { params: { path: { code } } })),
    staleTime: Number.POSITIVE_INFINITY,
  });

export const progressQuery = (api: Api, code: AlphabetCode) =>
  queryOptions({
    queryKey: keys.progress(code),
    queryFn: () =>
      call(api.harf.GET("/api/harf/alphabets/{code}/progress", { params: { path: { code } } })),
  });

export const todayQuery = (api: Api) =>
  queryOptions({ queryKey: keys.today, queryFn: () => call(api.harf.GET("/api/harf/today")) });

export const rulesQuery = (api: Api) =>
  queryOptions({
    queryKey: keys.rules,
    queryFn: () => call(api.harf.GET("/api/harf/tracing")),
    staleTime: Number.POSITIVE_INFINITY,
  });

/** The letter's place in a word: the word split so the letter can be shown in colour. */
export function highlight(word: string, letter: Letter): { text: string; mark: boolean }[] {
  const lower = letter.lower;
  const parts: { text: string; mark: boolean }[] = [];
  let rest = word;
  while (rest) {
    const at = rest.toLocaleLowerCase().indexOf(lower);
    if (at < 0 || !lower) {
      parts.push({ text: rest, mark: false });
      break;
    }
    if (at > 0) parts.push({ text: rest.slice(0, at), mark: false });
    parts.push({ text: rest.slice(at, at + lower.length), mark: true });
    rest = rest.slice(at + lower.length);
  }
  return parts;
}

export type Language = Schemas["Language"];
