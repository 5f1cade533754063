import { type Api, type CrmComponents, call } from "@alif/api";
import { keepPreviousData, queryOptions } from "@tanstack/react-query";
import { type TableState, toQuery } from "./tableState.ts";

type Schemas = CrmComponents["schemas"];
export type Office = Schemas["OfficeRead"];
export type Permission = Schemas["Permission"];
export type StaffRole = Schemas["StaffRole"];
export type Staff = Schemas["StaffRead"];
export type Stage = Schemas["StageRead"];
export type Lead = Schemas["LeadRead"];
export type LeadDetail = Schemas["LeadDetail"];
export type LeadSource = Schemas["LeadSource"];
export type LeadStatus = Schemas["LeadStatus"];
export type LostReason = Schemas["LostReason"];
export type Activity = Schemas["ActivityRead"];
export type Student = Schemas["StudentRead"];
export type Room = Schemas["RoomRead"];
export type Group = Schemas["GroupRead"];
export type Slot = Schemas["Slot"];
export type Enrolment = Schemas["EnrolmentRead"];
export type PaymentLink = Schemas["PaymentLinkRead"];

export const SOURCES: LeadSource[] = [
  "instagram",
  "telegram",
  "referral",
  "walk_in",
  "website",
  "other",
];
export const LOST_REASONS: LostReason[] = [
  "too_expensive",
  "schedule_does_not_fit",
  "chose_another_centre",
  "not_interested",
  "unreachable",
  "other",
];
export const ROLES: StaffRole[] = ["administrator", "teacher", "cashier"];
export const WEEKDAYS = [0, 1, 2, 3, 4, 5, 6] as const;

/** Every crm query key starts with the organization: switching offices never mixes answers. */
export const keys = {
  offices: ["crm", "offices"] as const,
  office: (org: string) => ["crm", org] as const,
  staff: (org: string) => ["crm", org, "staff"] as const,
  stages: (org: string) => ["crm", org, "stages"] as const,
  leads: (org: string) => ["crm", org, "leads"] as const,
  leadPage: (org: string, state: TableState) => ["crm", org, "leads", "page", state] as const,
  board: (org: string) => ["crm", org, "leads", "board"] as const,
  lead: (org: string, id: string) => ["crm", org, "leads", id] as const,
  activities: (org: string, id: string) => ["crm", org, "leads", id, "activities"] as const,
  students: (org: string) => ["crm", org, "students"] as const,
  studentPage: (org: string, state: TableState) => ["crm", org, "students", "page", state] as const,
  student: (org: string, id: string) => ["crm", org, "students", id] as const,
  rooms: (org: string) => ["crm", org, "rooms"] as const,
  groups: (org: string) => ["crm", org, "groups"] as const,
  group: (org: string, id: string) => ["crm", org, "groups", id] as const,
  enrolments: (org: string, id: string) => ["crm", org, "groups", id, "enrolments"] as const,
  studyGroups: ["main", "groups"] as const,
};

const org = (organization_id: string) => ({ organization_id });

export const officesQuery = (api: Api) =>
  queryOptions({
    queryKey: keys.offices,
    queryFn: () => call(api.crm.GET("/api/crm/organizations")),
  });

export const officeQuery = (api: Api, id: string) =>
  queryOptions({
    queryKey: keys.office(id),
    queryFn: () =>
      call(
        api.crm.GET("/api/crm/organizations/{organization_id}/me", { params: { path: org(id) } }),
      ),
  });

export const staffQuery = (api: Api, id: string) =>
  queryOptions({
    queryKey: keys.staff(id),
    queryFn: () =>
      call(
        api.crm.GET("/api/crm/organizations/{organization_id}/staff", {
          params: { path: org(id) },
        }),
      ),
  });

export const stagesQuery = (api: Api, id: string) =>
  queryOptions({
    queryKey: keys.stages(id),
    queryFn: () =>
      call(
        api.crm.GET("/api/crm/organizations/{organization_id}/lead-stages", {
          params: { path: org(id) },
        }),
      ),
  });

export const leadPageQuery = (api: Api, id: string, state: TableState) =>
  queryOptions({
    queryKey: keys.leadPage(id, state),
    queryFn: () =>
      call(
        api.crm.GET("/api/crm/organizations/{organization_id}/leads", {
          params: { path: org(id), query: toQuery(state) },
        }),
      ),
    placeholderData: keepPreviousData,
  });

/** The board: the open leads, the most recent hundred (the table pages through the rest). */
export const boardQuery = (api: Api, id: string) =>
  queryOptions({
    queryKey: keys.board(id),
    queryFn: () =>
      call(
        api.crm.GET("/api/crm/organizations/{organization_id}/leads", {
          params: { path: org(id), query: { status: "open", limit: 100 } },
        }),
      ),
  });

export const leadQuery = (api: Api, id: string, leadId: string) =>
  queryOptions({
    queryKey: keys.lead(id, leadId),
    queryFn: () =>
      call(
        api.crm.GET("/api/crm/organizations/{organization_id}/leads/{lead_id}", {
          params: { path: { ...org(id), lead_id: leadId } },
        }),
      ),
  });

export const activitiesQuery = (api: Api, id: string, leadId: string) =>
  queryOptions({
    queryKey: keys.activities(id, leadId),
    queryFn: () =>
      call(
        api.crm.GET("/api/crm/organizations/{organization_id}/leads/{lead_id}/activities", {
          params: { path: { ...org(id), lead_id: leadId } },
        }),
      ),
  });

export const studentPageQuery = (api: Api, id: string, state: TableState) =>
  queryOptions({
    queryKey: keys.studentPage(id, state),
    queryFn: () =>
      call(
        api.crm.GET("/api/crm/organizations/{organization_id}/students", {
          params: { path: org(id), query: toQuery(state) },
        }),
      ),
    placeholderData: keepPreviousData,
  });

export const studentQuery = (api: Api, id: string, studentId: string) =>
  queryOptions({
    queryKey: keys.student(id, studentId),
    queryFn: () =>
      call(
        api.crm.GET("/api/crm/organizations/{organization_id}/students/{student_id}", {
          params: { path: { ...org(id), student_id: studentId } },
        }),
      ),
  });

export const roomsQuery = (api: Api, id: string) =>
  queryOptions({
    queryKey: keys.rooms(id),
    queryFn: () =>
      call(
        api.crm.GET("/api/crm/organizations/{organization_id}/rooms", {
          params: { path: org(id) },
        }),
      ),
  });

export const groupsQuery = (api: Api, id: string) =>
  queryOptions({
    queryKey: keys.groups(id),
    queryFn: () =>
      call(
        api.crm.GET("/api/crm/organizations/{organization_id}/groups", {
          params: { path: org(id) },
        }),
      ),
  });

export const groupQuery = (api: Api, id: string, groupId: string) =>
  queryOptions({
    queryKey: keys.group(id, groupId),
    queryFn: () =>
      call(
        api.crm.GET("/api/crm/organizations/{organization_id}/groups/{group_id}", {
          params: { path: { ...org(id), group_id: groupId } },
        }),
      ),
  });

export const enrolmentsQuery = (api: Api, id: string, groupId: string) =>
  queryOptions({
    queryKey: keys.enrolments(id, groupId),
    queryFn: () =>
      call(
        api.crm.GET("/api/crm/organizations/{organization_id}/groups/{group_id}/enrolments", {
          params: { path: { ...org(id), group_id: groupId } },
        }),
      ),
  });

/** The kernel's study groups (made on main): a new office group is one of these. */
export const studyGroupsQuery = (api: Api) =>
  queryOptions({
    queryKey: keys.studyGroups,
    queryFn: () => call(api.main.GET("/api/main/groups")),
  });

/** Today in the office's calendar (the browser's local date), as the API writes dates. */
export function today(): string {
  const now = new Date();
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

export function studentName(student: Pick<Student, "first_name" | "last_name">): string {
  return [student.first_name, student.last_name].filter(Boolean).join(" ");
}

/** "14:00:00" → "14:00". */
export function hhmm(time: string): string {
  return time.slice(0, 5);
}

export type Lesson = Schemas["LessonRead"];
export type LessonDetail = Schemas["LessonDetail"];
export type Mark = Schemas["Mark"];
export type Method = Schemas["Method"];
export type Entry = Schemas["EntryRead"];
export type Receipt = Schemas["Receipt"];
export type Debtor = Schemas["Debtor"];
export type Batch = Schemas["BatchRead"];

export const MARKS: Mark[] = ["present", "absent", "late", "excused"];

export const moneyKeys = {
  lessons: (org: string) => ["crm", org, "lessons"] as const,
  week: (org: string, from: string, filters: Record<string, string>) =>
    ["crm", org, "lessons", from, filters] as const,
  lesson: (org: string, id: string) => ["crm", org, "lessons", "one", id] as const,
  money: (org: string) => ["crm", org, "money"] as const,
  studentMoney: (org: string, id: string) => ["crm", org, "money", "student", id] as const,
  receipt: (org: string, id: string) => ["crm", org, "money", "receipt", id] as const,
  paymentLinks: (org: string, id: string) => ["crm", org, "money", "links", id] as const,
  debtors: (org: string, filters: Record<string, string>) =>
    ["crm", org, "money", "debtors", filters] as const,
  batch: (org: string, id: string) => ["crm", org, "sms", id] as const,
};

/** The lessons of a period (the API takes up to six weeks), by group, teacher or room. */
export const lessonsQuery = (
  api: Api,
  id: string,
  from: string,
  to: string,
  filters: Record<string, string>,
) =>
  queryOptions({
    queryKey: moneyKeys.week(id, `${from}/${to}`, filters),
    queryFn: () =>
      call(
        api.crm.GET("/api/crm/organizations/{organization_id}/lessons", {
          params: { path: org(id), query: { starts_on: from, ends_on: to, ...filters } },
        }),
      ),
    placeholderData: keepPreviousData,
  });

export const lessonQuery = (api: Api, id: string, lessonId: string) =>
  queryOptions({
    queryKey: moneyKeys.lesson(id, lessonId),
    queryFn: () =>
      call(
        api.crm.GET("/api/crm/organizations/{organization_id}/lessons/{lesson_id}", {
          params: { path: { ...org(id), lesson_id: lessonId } },
        }),
      ),
  });

export const paymentLinksQuery = (api: Api, id: string, studentId: string) =>
  queryOptions({
    queryKey: moneyKeys.paymentLinks(id, studentId),
    queryFn: () =>
      call(
        api.crm.GET(
          "/api/crm/organizations/{organization_id}/students/{student_id}/payment-links",
          { params: { path: { ...org(id), student_id: studentId } } },
        ),
      ),
  });

export const studentMoneyQuery = (api: Api, id: string, studentId: string) =>
  queryOptions({
    queryKey: moneyKeys.studentMoney(id, studentId),
    queryFn: () =>
      call(
        api.crm.GET("/api/crm/organizations/{organization_id}/students/{student_id}/money", {
          params: { path: { ...org(id), student_id: studentId } },
        }),
      ),
  });

export const receiptQuery = (api: Api, id: string, paymentId: string) =>
  queryOptions({
    queryKey: moneyKeys.receipt(id, paymentId),
    queryFn: () =>
      call(
        api.crm.GET("/api/crm/organizations/{organization_id}/payments/{payment_id}/receipt", {
          params: { path: { ...org(id), payment_id: paymentId } },
        }),
      ),
  });

export const debtorsQuery = (api: Api, id: string, filters: Record<string, string>) =>
  queryOptions({
    queryKey: moneyKeys.debtors(id, filters),
    queryFn: () =>
      call(
        api.crm.GET("/api/crm/organizations/{organization_id}/debtors", {
          params: {
            path: org(id),
            query: {
              ...(filters.group_id ? { group_id: filters.group_id } : {}),
              ...(filters.teacher_id ? { teacher_id: filters.teacher_id } : {}),
              ...(filters.min_days_overdue
                ? { min_days_overdue: Number(filters.min_days_overdue) }
                : {}),
              ...(filters.min_amount ? { min_amount: Number(filters.min_amount) * 100 } : {}),
            },
          },
        }),
      ),
    placeholderData: keepPreviousData,
  });

export const batchQuery = (api: Api, id: string, batchId: string) =>
  queryOptions({
    queryKey: moneyKeys.batch(id, batchId),
    queryFn: () =>
      call(
        api.crm.GET("/api/crm/organizations/{organization_id}/sms/{batch_id}", {
          params: { path: { ...org(id), batch_id: batchId } },
        }),
      ),
  });
