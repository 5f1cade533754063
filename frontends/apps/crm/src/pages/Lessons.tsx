import { call } from "@alif/api";
import { useAuth } from "@alif/auth";
import { errorMessage, formatDate, useTranslation } from "@alif/i18n";
import { Button, cx, Field, Page, QueryState, Select, useToast } from "@alif/ui";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Link, useSearchParams } from "react-router";
import { ExportButton } from "../components/ExportButton.tsx";
import { Holidays } from "../components/Holidays.tsx";
import { useOffice } from "../lib/office.ts";
import {
  groupsQuery,
  hhmm,
  type Lesson,
  lessonsQuery,
  moneyKeys,
  roomsQuery,
} from "../lib/queries.ts";
import { addDays, byDay, iso, mondayOf, parseDay, weekDays } from "../lib/week.ts";
import { useTeacherNames } from "./Groups.tsx";

const FILTERS = ["room_id", "teacher_id", "group_id"] as const;

function LessonCard(props: { lesson: Lesson; room?: string; teacher?: string }) {
  const { t } = useTranslation();
  const office = useOffice();
  const { lesson } = props;
  const cancelled = lesson.status === "cancelled";
  return (
    <li>
      <Link
        to={office.to(`lessons/${lesson.id}`)}
        className={cx(
          "flex min-h-12 flex-col rounded-xl p-2 text-sm ring-1 hover:ring-2",
          cancelled
            ? "bg-slate-100 text-muted ring-slate-200 line-through"
            : lesson.kind === "makeup"
              ? "bg-sun-100 ring-sun-300 hover:ring-sun-500"
              : "bg-brand-50 ring-brand-200 hover:ring-brand-500",
        )}
      >
        <span className="font-bold">
          {hhmm(lesson.starts_at)}–{hhmm(lesson.ends_at)}
        </span>
        <span className="font-bold text-ink">{lesson.group_name}</span>
        <span className="text-muted">
          {[props.room, props.teacher].filter(Boolean).join(" · ")}
        </span>
        {cancelled ? <span>{t("lessons.cancelled")}</span> : null}
        {lesson.kind === "makeup" ? <span>{t("lessons.makeup")}</span> : null}
        {lesson.moved ? <span>{t("lessons.moved")}</span> : null}
      </Link>
    </li>
  );
}

/**
 * The week's lessons by day, for the whole centre or one room, teacher or group; a lesson opens
 * its attendance sheet. The week and the filters are in the address.
 */
export default function Lessons() {
  const { t, i18n } = useTranslation();
  const { api } = useAuth();
  const office = useOffice();
  const toast = useToast();
  const client = useQueryClient();
  const [params, setParams] = useSearchParams();
  const day = parseDay(params.get("week")) ?? new Date();
  const days = weekDays(day);
  const from = days[0] ?? iso(day);
  const to = days[6] ?? iso(day);
  const filters: Record<string, string> = {};
  for (const key of FILTERS) {
    const value = params.get(key);
    if (value) filters[key] = value;
  }
  const lessons = useQuery(lessonsQuery(api, office.id, from, to, filters));
  const rooms = useQuery({ ...roomsQuery(api, office.id), enabled: office.can("manage_groups") });
  const groups = useQuery(groupsQuery(api, office.id));
  const teachers = useTeacherNames();
  const roomName = new Map((rooms.data ?? []).map((r) => [r.id, r.name]));
  const teacherIds = [...new Set((groups.data ?? []).map((g) => g.teacher_id))];
  const go = (change: Record<string, string | null>) =>
    setParams((current) => {
      const next = new URLSearchParams(current);
      for (const [key, value] of Object.entries(change)) {
        if (value) next.set(key, value);
        else next.delete(key);
      }
      return next;
    });
  const generate = useMutation({
    // The shown week and the four after it: the schedules' lessons, nothing made twice.
    mutationFn: () =>
      call(
        api.crm.POST("/api/crm/organizations/{organization_id}/lessons/generate", {
          params: { path: { organization_id: office.id } },
          body: { starts_on: from, ends_on: iso(addDays(mondayOf(day), 34)) },
        }),
      ),
    onSuccess: (made) => {
      toast.show(t("lessons.generated", { count: made.created }), "success");
      void client.invalidateQueries({ queryKey: moneyKeys.lessons(office.id) });
    },
    onError: (error) => toast.show(errorMessage(t, error), "error"),
  });
  const today = iso(new Date());
  return (
    <Page
      title={t("lessons.heading")}
      subtitle={`${formatDate(from, i18n.language)} — ${formatDate(to, i18n.language)}`}
      actions={
        <div className="flex flex-wrap gap-2">
          <Button variant="secondary" onClick={() => go({ week: iso(addDays(day, -7)) })}>
            {t("lessons.previous")}
          </Button>
          <Button variant="secondary" onClick={() => go({ week: null })}>
            {t("lessons.thisWeek")}
          </Button>
          <Button variant="secondary" onClick={() => go({ week: iso(addDays(day, 7)) })}>
            {t("lessons.next")}
          </Button>
          <ExportButton what="lessons" query={{ starts_on: from, ends_on: to, ...filters }} />
          {office.can("manage_lessons") ? (
            <Button loading={generate.isPending} onClick={() => generate.mutate()}>
              {t("lessons.generate")}
            </Button>
          ) : null}
        </div>
      }
    >
      <div className="grid gap-3 rounded-[var(--radius-card)] bg-white p-4 shadow-sm ring-1 ring-slate-200 sm:grid-cols-3">
        {rooms.data ? (
          <Field label={t("label.room")}>
            <Select value={filters.room_id ?? ""} onChange={(e) => go({ room_id: e.target.value })}>
              <option value="">{t("filters.all")}</option>
              {rooms.data.map((r) => (
                <option key={r.id} value={r.id}>
                  {r.name}
                </option>
              ))}
            </Select>
          </Field>
        ) : null}
        <Field label={t("label.teacher")}>
          <Select
            value={filters.teacher_id ?? ""}
            onChange={(e) => go({ teacher_id: e.target.value })}
          >
            <option value="">{t("filters.all")}</option>
            {teacherIds.map((id) => (
              <option key={id} value={id}>
                {teachers.get(id) ?? id}
              </option>
            ))}
          </Select>
        </Field>
        <Field label={t("label.group")}>
          <Select value={filters.group_id ?? ""} onChange={(e) => go({ group_id: e.target.value })}>
            <option value="">{t("filters.all")}</option>
            {(groups.data ?? []).map((g) => (
              <option key={g.id} value={g.id}>
                {g.name}
              </option>
            ))}
          </Select>
        </Field>
      </div>
      <QueryState query={lessons}>
        {(list) => {
          const columns = byDay(days, list);
          return (
            <div className="grid gap-3 md:grid-cols-7">
              {days.map((d, index) => (
                <section
                  key={d}
                  aria-labelledby={`day-${d}`}
                  className={cx(
                    "flex flex-col gap-2 rounded-[var(--radius-card)] bg-white p-2 ring-1 ring-slate-200",
                    d === today && "ring-2 ring-brand-500",
                  )}
                >
                  <h2 id={`day-${d}`} className="px-1 font-extrabold text-sm">
                    {t(`weekdays.short.${index}`)}{" "}
                    <span className="font-normal text-muted">{d.slice(8)}</span>
                  </h2>
                  {(columns.get(d) ?? []).length === 0 ? (
                    <p className="px-1 text-muted text-xs">{t("lessons.none")}</p>
                  ) : (
                    <ul className="flex flex-col gap-2">
                      {(columns.get(d) ?? []).map((lesson) => (
                        <LessonCard
                          key={lesson.id}
                          lesson={lesson}
                          room={lesson.room_id ? roomName.get(lesson.room_id) : undefined}
                          teacher={teachers.get(lesson.teacher_id)}
                        />
                      ))}
                    </ul>
                  )}
                </section>
              ))}
            </div>
          );
        }}
      </QueryState>
      {office.can("manage_lessons") ? <Holidays /> : null}
    </Page>
  );
}
