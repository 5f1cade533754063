import { type Api, call, type LessionsComponents } from "@alif/api";
import { queryOptions } from "@tanstack/react-query";

type Schemas = LessionsComponents["schemas"];
export type Course = Schemas["CourseRead"];
export type CourseDetail = Schemas["CourseDetail"];
export type CourseCreate = Schemas["CourseCreate"];
export type CourseProgress = Schemas["CourseProgress"];
export type LessonSummary = Schemas["LessonSummary"];
export type LessonFields = Schemas["LessonFields"];
export type LearnerLesson = Omit<Schemas["LearnerLesson"], "lesson"> & { lesson: LessonRead };
// The server always sends a block's `pages` and `questions` (empty lists for other types).
export type Block = Schemas["BlockRead"] &
  Required<Pick<Schemas["BlockRead"], "pages" | "questions">>;
export type BlockSource = Schemas["BlockSource"] &
  Required<Pick<Schemas["BlockSource"], "pages" | "questions">>;
export type LessonSource = Omit<Schemas["LessonSource"], "blocks"> & { blocks: BlockSource[] };
export type LessonRead = Omit<Schemas["LessonRead"], "blocks"> & { blocks: Block[] };
export type BlockIn = NonNullable<LessonFields["blocks"]>[number];
export type StudentQuestion = Schemas["StudentQuestion"];
export type QuestionIn = Schemas["QuestionIn"];
export type AnswerIn = Schemas["AnswerIn"];
export type AnswersResult = Schemas["AnswersResult"];
export type Progress = Schemas["ProgressRead"];
export type GroupProgress = Schemas["GroupProgress"];
export type Visibility = Schemas["Visibility"];
export type CompletionRule = Schemas["CompletionRule"];
export type Language = Schemas["Language"];
export type Upload = Schemas["UploadRead"];
export type MediaKind = Schemas["MediaKind"];
export type Certificate = Schemas["CertificateRead"];

export const GRADES = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11] as const;

export const keys = {
  all: ["lessions"] as const,
  catalogue: (grade: number | null, subject: string) =>
    ["lessions", "catalogue", grade, subject] as const,
  course: (id: string) => ["lessions", "course", id] as const,
  courseProgress: (id: string) => ["lessions", "course", id, "progress"] as const,
  lesson: (id: string) => ["lessions", "lesson", id] as const,
  source: (id: string) => ["lessions", "lesson", id, "source"] as const,
  authored: ["lessions", "authored"] as const,
  groupProgress: (course: string, group: string) =>
    ["lessions", "course", course, "group", group] as const,
  children: ["main", "children"] as const,
  childProgress: (id: string) => ["lessions", "child", id] as const,
  groups: ["main", "groups"] as const,
  uploads: (lesson: string) => ["lessions", "lesson", lesson, "uploads"] as const,
  certificate: (course: string) => ["lessions", "course", course, "certificate"] as const,
};

export const catalogueQuery = (api: Api, grade: number | null, subject: string) =>
  queryOptions({
    queryKey: keys.catalogue(grade, subject),
    queryFn: () =>
      call(
        api.lessions.GET("/api/lessions/courses", {
          params: {
            query: {
              limit: 100,
              ...(grade === null ? {} : { grade }),
              ...(subject ? { subject } : {}),
            },
          },
        }),
      ),
  });

export const courseQuery = (api: Api, id: string) =>
  queryOptions({
    queryKey: keys.course(id),
    queryFn: () =>
      call(
        api.lessions.GET("/api/lessions/courses/{course_id}", {
          params: { path: { course_id: id } },
        }),
      ),
  });

export const courseProgressQuery = (api: Api, id: string) =>
  queryOptions({
    queryKey: keys.courseProgress(id),
    queryFn: () =>
      call(
        api.lessions.GET("/api/lessions/courses/{course_id}/progress", {
          params: { path: { course_id: id } },
        }),
      ),
  });

export const lessonQuery = (api: Api, id: string) =>
  queryOptions({
    queryKey: keys.lesson(id),
    queryFn: async () =>
      (await call(
        api.lessions.GET("/api/lessions/lessons/{lesson_id}", {
          params: { path: { lesson_id: id } },
        }),
      )) as LearnerLesson,
    // The player keeps its own place; a refetch on focus must not move the learner.
    refetchOnWindowFocus: false,
    retry: false,
  });

export const sourceQuery = (api: Api, id: string) =>
  queryOptions({
    queryKey: keys.source(id),
    queryFn: async () =>
      (await call(
        api.lessions.GET("/api/lessions/lessons/{lesson_id}/source", {
          params: { path: { lesson_id: id } },
        }),
      )) as LessonSource,
    refetchOnWindowFocus: false,
  });

export const authoredQuery = (api: Api) =>
  queryOptions({
    queryKey: keys.authored,
    queryFn: () =>
      call(
        api.lessions.GET("/api/lessions/courses/authored", {
          params: { query: { limit: 100 } },
        }),
      ),
  });

export const groupProgressQuery = (api: Api, course: string, group: string) =>
  queryOptions({
    queryKey: keys.groupProgress(course, group),
    queryFn: () =>
      call(
        api.lessions.GET("/api/lessions/courses/{course_id}/groups/{group_id}/progress", {
          params: { path: { course_id: course, group_id: group } },
        }),
      ),
  });

export const groupsQuery = (api: Api) =>
  queryOptions({
    queryKey: keys.groups,
    queryFn: () => call(api.main.GET("/api/main/groups")),
  });

export const childrenQuery = (api: Api) =>
  queryOptions({
    queryKey: keys.children,
    queryFn: () => call(api.main.GET("/api/main/children")),
  });

export const childProgressQuery = (api: Api, id: string) =>
  queryOptions({
    queryKey: keys.childProgress(id),
    queryFn: () =>
      call(
        api.lessions.GET("/api/lessions/children/{child_id}/progress", {
          params: { path: { child_id: id } },
        }),
      ),
  });

export const uploadsQuery = (api: Api, lesson: string) =>
  queryOptions({
    queryKey: keys.uploads(lesson),
    queryFn: () =>
      call(
        api.lessions.GET("/api/lessions/uploads/lessons/{lesson_id}", {
          params: { path: { lesson_id: lesson } },
        }),
      ),
  });

export const certificateQuery = (api: Api, course: string) =>
  queryOptions({
    queryKey: keys.certificate(course),
    queryFn: () =>
      call(
        api.lessions.GET("/api/lessions/courses/{course_id}/certificate", {
          params: { path: { course_id: course } },
        }),
      ),
    retry: false,
  });

/** A fresh key for each progress write: a phone's retry of the same write counts once. */
export function writeKey(): string {
  return crypto.randomUUID().replaceAll("-", "");
}
