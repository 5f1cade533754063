import { type Api, call, type OlimpComponents } from "@alif/api";
import { queryOptions } from "@tanstack/react-query";

type Schemas = OlimpComponents["schemas"];
export type Olympiad = Schemas["OlympiadRead"];
export type Round = Schemas["RoundRead"];
export type State = Schemas["State"];
export type Subject = Schemas["Subject"];
export type Scope = Schemas["Scope"];
export type Region = NonNullable<Schemas["OlympiadRead"]["region"]>;
export type Registration = Schemas["RegistrationRead"];
export type Attempt = Schemas["AttemptRead"];
export type PaperQuestion = Schemas["PaperQuestion"];
export type Board = Schemas["Board"];
export type BoardRow = Schemas["BoardRow"];
export type Question = Schemas["QuestionRead"];
export type AttemptSummary = Schemas["AttemptSummary"];
export type OlympiadCreate = Schemas["OlympiadCreate"];

export const SUBJECTS: Subject[] = [
  "math",
  "logic",
  "uzbek",
  "russian",
  "english",
  "science",
  "general",
];
export const REGIONS: Region[] = [
  "tashkent_city",
  "tashkent_region",
  "andijan",
  "bukhara",
  "fergana",
  "jizzakh",
  "kashkadarya",
  "khorezm",
  "namangan",
  "navoiy",
  "samarkand",
  "sirdarya",
  "surkhandarya",
  "karakalpakstan",
];
export const GRADES = Array.from({ length: 11 }, (_, i) => i + 1);

/** How equal scores are ordered, as the organizer's form offers it (the API takes a list). */
export type TieRule = "time" | "hardest";
export const TIE_RULES: TieRule[] = ["time", "hardest"];
export const TIE_BREAKS: Record<TieRule, OlympiadCreate["tie_breaks"]> = {
  time: ["time"],
  hardest: ["hardest", "time"],
};
/** The form's rule for an olympiad's tie-breaks (the one it starts with). */
export const tieRule = (tieBreaks: Olympiad["tie_breaks"]): TieRule =>
  tieBreaks[0] === "hardest" ? "hardest" : "time";

/** A response and when it arrived on this device: the server's clock moves on from there. */
export type Timed<T> = { data: T; receivedAt: number };

export const keys = {
  all: ["olimp"] as const,
  olympiads: ["olimp", "olympiads"] as const,
  olympiad: (id: string) => ["olimp", "olympiad", id] as const,
  registrations: (id: string) => ["olimp", "olympiad", id, "registrations"] as const,
  questions: (roundId: string) => ["olimp", "round", roundId, "questions"] as const,
  attempts: (roundId: string) => ["olimp", "round", roundId, "attempts"] as const,
  attempt: (roundId: string) => ["olimp", "round", roundId, "attempt"] as const,
  children: ["main", "children"] as const,
  students: ["main", "organization", "students"] as const,
};

export const olympiadsQuery = (api: Api) =>
  queryOptions({
    queryKey: keys.olympiads,
    queryFn: async (): Promise<Timed<Olympiad[]>> => {
      const page = await call(
        api.olimp.GET("/api/olimp/olympiads", { params: { query: { limit: 100 } } }),
      );
      return { data: page.items, receivedAt: Date.now() };
    },
  });

export const olympiadQuery = (api: Api, id: string) =>
  queryOptions({
    queryKey: keys.olympiad(id),
    queryFn: async (): Promise<Timed<Olympiad>> => {
      const olympiad = await call(
        api.olimp.GET("/api/olimp/olympiads/{olympiad_id}", {
          params: { path: { olympiad_id: id } },
        }),
      );
      return { data: olympiad, receivedAt: Date.now() };
    },
  });

export const registrationsQuery = (api: Api, id: string) =>
  queryOptions({
    queryKey: keys.registrations(id),
    queryFn: async () =>
      (
        await call(
          api.olimp.GET("/api/olimp/olympiads/{olympiad_id}/registrations", {
            params: { path: { olympiad_id: id }, query: { limit: 100 } },
          }),
        )
      ).items,
  });

export const childrenQuery = (api: Api) =>
  queryOptions({
    queryKey: keys.children,
    queryFn: () => call(api.main.GET("/api/main/children")),
  });

export const studentsQuery = (api: Api) =>
  queryOptions({
    queryKey: keys.students,
    queryFn: () =>
      call(
        api.main.GET("/api/main/organizations/mine/members", {
          params: { query: { role: "student", status: "active" } },
        }),
      ),
  });

export const questionsQuery = (api: Api, olympiadId: string, roundId: string) =>
  queryOptions({
    queryKey: keys.questions(roundId),
    queryFn: () =>
      call(
        api.olimp.GET("/api/olimp/olympiads/{olympiad_id}/rounds/{round_id}/questions", {
          params: { path: { olympiad_id: olympiadId, round_id: roundId } },
        }),
      ),
  });

export const attemptsQuery = (api: Api, olympiadId: string, roundId: string) =>
  queryOptions({
    queryKey: keys.attempts(roundId),
    queryFn: () =>
      call(
        api.olimp.GET("/api/olimp/olympiads/{olympiad_id}/rounds/{round_id}/attempts", {
          params: { path: { olympiad_id: olympiadId, round_id: roundId } },
        }),
      ),
  });

/** Starting is also resuming: the server answers with the same attempt and the time left. */
export const attemptQuery = (api: Api, olympiadId: string, roundId: string) =>
  queryOptions({
    queryKey: keys.attempt(roundId),
    queryFn: async (): Promise<Timed<Attempt>> => {
      const attempt = await call(
        api.olimp.POST("/api/olimp/olympiads/{olympiad_id}/rounds/{round_id}/attempt", {
          params: { path: { olympiad_id: olympiadId, round_id: roundId } },
        }),
      );
      return { data: attempt, receivedAt: Date.now() };
    },
    retry: false,
    staleTime: Number.POSITIVE_INFINITY,
  });

export type CertificateView = Schemas["CertificateView"];
export type MyResults = Schemas["MyResults"];
export type Appeal = Schemas["AppealRead"];

export const resultKeys = {
  mine: (id: string, studentId: string) => ["olimp", "olympiad", id, "results", studentId] as const,
  myAppeals: (attemptId: string) => ["olimp", "attempt", attemptId, "appeals"] as const,
  appeals: (roundId: string) => ["olimp", "round", roundId, "appeals"] as const,
};

export const myResultsQuery = (api: Api, id: string, studentId: string) =>
  queryOptions({
    queryKey: resultKeys.mine(id, studentId),
    queryFn: () =>
      call(
        api.olimp.GET("/api/olimp/olympiads/{olympiad_id}/results/mine", {
          params: { path: { olympiad_id: id }, query: { student_id: studentId } },
        }),
      ),
  });

export type Results = Schemas["Results"];
export type CertificateRow = Schemas["CertificateRow"];
export type AppealAccept = Schemas["AppealAccept"];

export const deskKeys = {
  results: (roundId: string) => ["olimp", "round", roundId, "results"] as const,
  certificates: (id: string) => ["olimp", "olympiad", id, "certificates"] as const,
};

/** The organizer's table: provisional until published, ranked by the job after the round. */
export const resultsQuery = (api: Api, olympiadId: string, roundId: string) =>
  queryOptions({
    queryKey: deskKeys.results(roundId),
    queryFn: () =>
      call(
        api.olimp.GET("/api/olimp/olympiads/{olympiad_id}/rounds/{round_id}/results", {
          params: { path: { olympiad_id: olympiadId, round_id: roundId } },
        }),
      ),
  });

export const appealsQuery = (api: Api, olympiadId: string, roundId: string) =>
  queryOptions({
    queryKey: resultKeys.appeals(roundId),
    queryFn: () =>
      call(
        api.olimp.GET("/api/olimp/olympiads/{olympiad_id}/rounds/{round_id}/appeals", {
          params: { path: { olympiad_id: olympiadId, round_id: roundId } },
        }),
      ),
  });

export const certificatesQuery = (api: Api, olympiadId: string) =>
  queryOptions({
    queryKey: deskKeys.certificates(olympiadId),
    queryFn: () =>
      call(
        api.olimp.GET("/api/olimp/olympiads/{olympiad_id}/certificates", {
          params: { path: { olympiad_id: olympiadId } },
        }),
      ),
  });
