import { type Api, call, type MainSchema, type TestaiComponents } from "@alif/api";
import { queryOptions } from "@tanstack/react-query";

type Schemas = TestaiComponents["schemas"];
export type Quiz = Schemas["QuizRead"];
export type LiveGame = Schemas["GameRead"];
export type LiveOptions = Schemas["GameOptions"];
export type QuizDetail = Schemas["QuizDetail"];
export type QuizUpdate = Schemas["QuizUpdate"];
export type Question = Schemas["QuestionRead"];
export type QuestionIn = Schemas["QuestionIn"];
export type QuestionType = Schemas["QuestionType"];
export type PreviewQuestion = Schemas["PreviewQuestion"];
export type ImportPreview = Schemas["ImportPreview"];
export type Attempt = Schemas["AttemptRead"];
export type StudentQuestion = Schemas["StudentQuestion"];
export type AssignedTest = Schemas["AssignedTest"];
export type ResultsReport = Schemas["ResultsReport"];
export type Language = Schemas["Language"];
export type ReviewTime = Schemas["ReviewTime"];
export type ExtraTime = Schemas["ExtraTimeRead"];
export type GroupMember = MainSchema<"MemberRead">;

export const QUESTION_TYPES: QuestionType[] = [
  "single",
  "multiple",
  "true_false",
  "short_answer",
  "numeric",
];
export const LANGUAGES: Language[] = ["uz", "ru", "en"];

export const keys = {
  all: ["testai"] as const,
  tests: (q: string) => ["testai", "tests", q] as const,
  test: (id: string) => ["testai", "test", id] as const,
  assignments: (id: string) => ["testai", "test", id, "assignments"] as const,
  results: (id: string) => ["testai", "test", id, "results"] as const,
  myTests: ["testai", "my", "tests"] as const,
  myResults: ["testai", "my", "results"] as const,
  attempt: (id: string) => ["testai", "attempt", id] as const,
  extraTime: (id: string) => ["testai", "test", id, "extra-time"] as const,
  groups: ["main", "groups"] as const,
  members: (groupId: string) => ["main", "groups", groupId, "members"] as const,
};

export const testsQuery = (api: Api, q: string) =>
  queryOptions({
    queryKey: keys.tests(q),
    queryFn: () =>
      call(
        api.testai.GET("/api/testai/tests", {
          params: { query: { limit: 100, mine: true, ...(q ? { q } : {}) } },
        }),
      ),
  });

export const testQuery = (api: Api, id: string) =>
  queryOptions({
    queryKey: keys.test(id),
    queryFn: () =>
      call(api.testai.GET("/api/testai/tests/{test_id}", { params: { path: { test_id: id } } })),
  });

export const assignmentsQuery = (api: Api, id: string) =>
  queryOptions({
    queryKey: keys.assignments(id),
    queryFn: () =>
      call(
        api.testai.GET("/api/testai/tests/{test_id}/assignments", {
          params: { path: { test_id: id } },
        }),
      ),
  });

export const resultsQuery = (api: Api, id: string) =>
  queryOptions({
    queryKey: keys.results(id),
    queryFn: () =>
      call(
        api.testai.GET("/api/testai/tests/{test_id}/results", {
          params: { path: { test_id: id } },
        }),
      ),
  });

export const myTestsQuery = (api: Api) =>
  queryOptions({
    queryKey: keys.myTests,
    queryFn: () => call(api.testai.GET("/api/testai/my/tests")),
  });

export const myResultsQuery = (api: Api) =>
  queryOptions({
    queryKey: keys.myResults,
    queryFn: () => call(api.testai.GET("/api/testai/my/results")),
  });

/** The attempt with the moment it arrived: the timer counts from the server's time then. */
export const attemptQuery = (api: Api, id: string) =>
  queryOptions({
    queryKey: keys.attempt(id),
    queryFn: async () => ({
      attempt: await call(
        api.testai.GET("/api/testai/attempts/{attempt_id}", {
          params: { path: { attempt_id: id } },
        }),
      ),
      receivedAt: Date.now(),
    }),
    // Answers are saved one by one; a refetch must not replace what the student is typing.
    refetchOnWindowFocus: false,
    staleTime: Number.POSITIVE_INFINITY,
  });

export const groupsQuery = (api: Api) =>
  queryOptions({
    queryKey: keys.groups,
    queryFn: () => call(api.main.GET("/api/main/groups")),
  });

export const extraTimeQuery = (api: Api, id: string) =>
  queryOptions({
    queryKey: keys.extraTime(id),
    queryFn: () =>
      call(
        api.testai.GET("/api/testai/tests/{test_id}/extra-time", {
          params: { path: { test_id: id } },
        }),
      ),
  });

export const membersQuery = (api: Api, groupId: string) =>
  queryOptions({
    queryKey: keys.members(groupId),
    queryFn: () =>
      call(
        api.main.GET("/api/main/groups/{group_id}/members", {
          params: { path: { group_id: groupId } },
        }),
      ),
  });

/** Only the fields a question of its type takes (the API refuses options on a numeric one). */
export function fitType(q: QuestionIn): QuestionIn {
  const type = q.type ?? "single";
  const choice = type === "single" || type === "multiple";
  return {
    ...q,
    type,
    options: choice ? (q.options ?? []).filter((o) => o.text.trim()) : [],
    truth: type === "true_false" ? (q.truth ?? null) : null,
    accepted_answers:
      type === "short_answer"
        ? (q.accepted_answers ?? []).map((a) => a.trim()).filter(Boolean)
        : [],
    numeric_answer: type === "numeric" ? (q.numeric_answer ?? null) : null,
    image_url: q.image_url?.trim() ? q.image_url.trim() : null,
  };
}

/** A question as the editor sends it back: the fields `QuestionIn` takes. */
export function toQuestionIn(q: Question | PreviewQuestion): QuestionIn {
  const base: QuestionIn = {
    type: q.type,
    text: q.text,
    options: q.options.map((o) => ({ text: o.text, correct: o.correct })),
    accepted_answers: q.accepted_answers,
    numeric_answer: q.numeric_answer,
    points: q.points ?? 1,
    language: q.language,
  };
  if ("id" in q) {
    return fitType({
      ...base,
      truth: q.truth,
      tolerance: q.tolerance,
      explanation: q.explanation,
      image_url: q.image_url,
      topic: q.topic,
      tags: q.tags,
      difficulty: q.difficulty,
      source_excerpt: q.source_excerpt,
    });
  }
  return fitType({ ...base, source_excerpt: q.source_excerpt || null });
}
