import { call } from "@alif/api";
import { useAuth } from "@alif/auth";
import { errorMessage, formatDate, useTranslation } from "@alif/i18n";
import { Alert, Button, Card, cx, linkClass, Page, QueryState, useToast } from "@alif/ui";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Link, useNavigate, useParams } from "react-router";
import { LessonActions } from "../components/LessonActions.tsx";
import { useOffice } from "../lib/office.ts";
import {
  hhmm,
  type LessonDetail,
  lessonQuery,
  MARKS,
  type Mark,
  moneyKeys,
  studentName,
} from "../lib/queries.ts";

const TONE: Record<Mark, string> = {
  present: "peer-checked:bg-brand-700 peer-checked:text-white",
  late: "peer-checked:bg-sun-400 peer-checked:text-ink",
  excused: "peer-checked:bg-slate-600 peer-checked:text-white",
  absent: "peer-checked:bg-red-700 peer-checked:text-white",
};

/** Marks as the sheet holds them: the server's, with what the teacher changed on top. */
export function sheetMarks(lesson: LessonDetail, changed: Record<string, Mark>) {
  return lesson.roster.map((row) => ({
    student_id: row.student_id,
    mark: changed[row.student_id] ?? row.mark ?? null,
  }));
}

/** Everyone not marked yet is present: the usual lesson in one press. */
export function allPresent(lesson: LessonDetail, changed: Record<string, Mark>) {
  const next = { ...changed };
  for (const row of sheetMarks(lesson, changed)) if (!row.mark) next[row.student_id] = "present";
  return next;
}

function Sheet(props: { lesson: LessonDetail }) {
  const { t } = useTranslation();
  const { api } = useAuth();
  const office = useOffice();
  const client = useQueryClient();
  const navigate = useNavigate();
  const toast = useToast();
  const [changed, setChanged] = useState<Record<string, Mark>>({});
  const marks = sheetMarks(props.lesson, changed);
  const complete = marks.filter((m): m is { student_id: string; mark: Mark } => m.mark !== null);
  const save = useMutation({
    mutationFn: () =>
      call(
        api.crm.PUT("/api/crm/organizations/{organization_id}/lessons/{lesson_id}/attendance", {
          params: { path: { organization_id: office.id, lesson_id: props.lesson.id } },
          body: { marks: complete },
        }),
      ),
    onSuccess: (lesson) => {
      client.setQueryData(moneyKeys.lesson(office.id, lesson.id), lesson);
      setChanged({});
      toast.show(t("attendance.saved"), "success");
    },
  });
  const absent = props.lesson.roster.filter((r) => r.mark === "absent").length;
  const prepare = useMutation({
    mutationFn: () =>
      call(
        api.crm.POST("/api/crm/organizations/{organization_id}/sms/absence", {
          params: { path: { organization_id: office.id } },
          body: { lesson_id: props.lesson.id },
        }),
      ),
    onSuccess: (batch) => navigate(office.to(`sms/${batch.id}`)),
  });
  const dirty = Object.keys(changed).length > 0;
  return (
    <div className="flex flex-col gap-4">
      <div className="flex flex-wrap gap-2">
        <Button variant="secondary" onClick={() => setChanged(allPresent(props.lesson, changed))}>
          {t("attendance.allPresent")}
        </Button>
      </div>
      <ul className="flex flex-col gap-3">
        {props.lesson.roster.map((row) => {
          const name = studentName(row);
          const current = changed[row.student_id] ?? row.mark;
          return (
            <li key={row.student_id}>
              <Card className="flex flex-col gap-2 p-3">
                <fieldset className="flex flex-col gap-2">
                  <legend className="font-bold text-lg">{name}</legend>
                  <div className="grid grid-cols-4 gap-1.5 sm:gap-2">
                    {MARKS.map((mark) => (
                      <label key={mark} className="relative">
                        <input
                          type="radio"
                          name={`mark-${row.student_id}`}
                          value={mark}
                          checked={current === mark}
                          onChange={() => setChanged((c) => ({ ...c, [row.student_id]: mark }))}
                          className="peer sr-only"
                        />
                        <span
                          className={cx(
                            "flex min-h-12 cursor-pointer items-center justify-center rounded-xl bg-slate-100 px-1 text-center font-bold text-sm ring-brand-500 peer-focus-visible:ring-4 sm:text-base",
                            TONE[mark],
                          )}
                        >
                          {t(`marks.${mark}`)}
                        </span>
                      </label>
                    ))}
                  </div>
                </fieldset>
              </Card>
            </li>
          );
        })}
      </ul>
      {save.error ? <Alert tone="error">{errorMessage(t, save.error)}</Alert> : null}
      <div className="sticky bottom-2 flex flex-wrap gap-2 rounded-2xl bg-paper/95 p-2 shadow-lg ring-1 ring-slate-200">
        <Button
          size="lg"
          className="flex-1"
          loading={save.isPending}
          disabled={!dirty || complete.length === 0}
          onClick={() => save.mutate()}
        >
          {!dirty && props.lesson.roster.every((r) => r.mark)
            ? t("attendance.upToDate")
            : t("attendance.save")}
        </Button>
        {absent > 0 && !dirty && office.can("send_sms") ? (
          <Button
            size="lg"
            variant="secondary"
            loading={prepare.isPending}
            onClick={() => prepare.mutate()}
          >
            {t("attendance.notify", { count: absent })}
          </Button>
        ) : null}
      </div>
      {prepare.error ? <Alert tone="error">{errorMessage(t, prepare.error)}</Alert> : null}
    </div>
  );
}

/** The attendance sheet: one lesson's students, one press each, made for a phone. */
export default function LessonPage() {
  const { t, i18n } = useTranslation();
  const { api } = useAuth();
  const office = useOffice();
  const { lessonId = "" } = useParams();
  const lesson = useQuery(lessonQuery(api, office.id, lessonId));
  return (
    <QueryState query={lesson}>
      {(l) => (
        <Page
          narrow
          title={l.group_name}
          subtitle={`${formatDate(l.on, i18n.language)}, ${hhmm(l.starts_at)}–${hhmm(l.ends_at)}`}
          back={
            <Link to={office.to(`lessons?week=${l.on}`)} className={linkClass()}>
              ← {t("lessons.heading")}
            </Link>
          }
        >
          {l.status === "cancelled" ? (
            <Alert tone="warning">
              {t("lessons.cancelled")}
              {l.cancel_reason ? `: ${l.cancel_reason}` : ""}
            </Alert>
          ) : l.roster.length === 0 ? (
            <p className="text-muted">{t("attendance.nobody")}</p>
          ) : office.can("mark_attendance") ? (
            <Sheet lesson={l} />
          ) : (
            <ul className="flex flex-col gap-2">
              {l.roster.map((row) => (
                <li key={row.student_id} className="flex justify-between">
                  <span>{studentName(row)}</span>
                  <span>{row.mark ? t(`marks.${row.mark}`) : "—"}</span>
                </li>
              ))}
            </ul>
          )}
          {office.can("manage_lessons") ? <LessonActions lesson={l} /> : null}
        </Page>
      )}
    </QueryState>
  );
}
