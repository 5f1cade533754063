import { call } from "@alif/api";
import { useAuth } from "@alif/auth";
import { errorMessage, useTranslation } from "@alif/i18n";
import { Alert, Button, Field, Select } from "@alif/ui";
import { useMutation, useQueries, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import {
  extraTimeQuery,
  type GroupMember,
  groupsQuery,
  keys,
  membersQuery,
  type QuizDetail,
} from "../lib/queries.ts";

/** The usual accommodations; the API takes any factor from 1 to 4. */
const FACTORS = [1.25, 1.5, 2];

const fullName = (m: GroupMember) => `${m.first_name} ${m.last_name}`.trim();

/** Students who get longer on a timed test (×1.5 of the limit...): listed, added, changed, removed. */
export function ExtraTime(props: { test: QuizDetail }) {
  const { t } = useTranslation();
  const { api } = useAuth();
  const client = useQueryClient();
  const { test } = props;
  const extra = useQuery(extraTimeQuery(api, test.id));
  const groups = useQuery(groupsQuery(api));
  // The teacher's students are the members of their classes (as on the assign tab).
  const members = useQueries({
    queries: (groups.data ?? []).map((g) => membersQuery(api, g.id)),
  });
  const students = new Map<string, GroupMember>();
  for (const m of members.flatMap((q) => q.data ?? [])) students.set(m.student_id, m);
  const [student, setStudent] = useState("");
  const [factor, setFactor] = useState(String(FACTORS[1]));
  const invalidate = () => client.invalidateQueries({ queryKey: keys.extraTime(test.id) });
  const put = useMutation({
    mutationFn: (change: { student: string; factor: number }) =>
      call(
        api.testai.PUT("/api/testai/tests/{test_id}/extra-time/{student_id}", {
          params: { path: { test_id: test.id, student_id: change.student } },
          body: { factor: change.factor },
        }),
      ),
    onSuccess: (_, change) => {
      if (change.student === student) setStudent("");
    },
    onSettled: invalidate,
  });
  const remove = useMutation({
    mutationFn: (id: string) =>
      call(
        api.testai.DELETE("/api/testai/tests/{test_id}/extra-time/{student_id}", {
          params: { path: { test_id: test.id, student_id: id } },
        }),
      ),
    onSettled: invalidate,
  });
  const given = new Set((extra.data ?? []).map((e) => e.student_id));
  const choices = [...students.values()]
    .filter((m) => !given.has(m.student_id))
    .sort((a, b) => fullName(a).localeCompare(fullName(b)));
  const nameOf = (id: string) => {
    const m = students.get(id);
    return m ? fullName(m) : t("extraTime.someStudent");
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (student) put.mutate({ student, factor: Number(factor) });
  };
  const error = put.error ?? remove.error ?? extra.error;
  return (
    <section aria-labelledby="extra-time" className="flex flex-col gap-3">
      <div>
        <h2 id="extra-time" className="font-bold text-lg">
          {t("extraTime.heading")}
        </h2>
        <p className="text-muted">
          {t("extraTime.hint", { minutes: test.time_limit_minutes ?? 0 })}
        </p>
      </div>
      {extra.data?.length ? (
        <ul className="flex flex-col divide-y divide-slate-100">
          {extra.data.map((e) => (
            <li key={e.student_id} className="flex min-h-12 flex-wrap items-center gap-3">
              <span className="flex-1 font-semibold">{nameOf(e.student_id)}</span>
              <Select
                aria-label={t("extraTime.factorOf", { name: nameOf(e.student_id) })}
                className="w-28"
                value={String(e.factor)}
                onChange={(ev) =>
                  put.mutate({ student: e.student_id, factor: Number(ev.target.value) })
                }
              >
                {(FACTORS.includes(e.factor) ? FACTORS : [...FACTORS, e.factor]).map((f) => (
                  <option key={f} value={String(f)}>
                    ×{f}
                  </option>
                ))}
              </Select>
              <Button
                variant="ghost"
                loading={remove.isPending && remove.variables === e.student_id}
                onClick={() => remove.mutate(e.student_id)}
              >
                {t("extraTime.remove")}
              </Button>
            </li>
          ))}
        </ul>
      ) : extra.isSuccess ? (
        <p className="text-muted">{t("extraTime.none")}</p>
      ) : null}
      <form onSubmit={submit} className="flex flex-col gap-3 sm:flex-row sm:items-end" noValidate>
        <Field label={t("extraTime.student")} className="flex-1">
          <Select value={student} onChange={(e) => setStudent(e.target.value)} required>
            <option value="">
              {groups.isPending || members.some((q) => q.isPending) ? t("assign.loading") : "—"}
            </option>
            {choices.map((m) => (
              <option key={m.student_id} value={m.student_id}>
                {fullName(m)}
              </option>
            ))}
          </Select>
        </Field>
        <Field label={t("extraTime.factor")}>
          <Select value={factor} onChange={(e) => setFactor(e.target.value)}>
            {FACTORS.map((f) => (
              <option key={f} value={String(f)}>
                ×{f}
              </option>
            ))}
          </Select>
        </Field>
        <Button
          type="submit"
          loading={put.isPending && put.variables?.student === student}
          disabled={!student}
        >
          {t("extraTime.add")}
        </Button>
      </form>
      {groups.data?.length === 0 ? <Alert tone="info">{t("assign.noGroups")}</Alert> : null}
      {error ? <Alert tone="error">{errorMessage(t, error)}</Alert> : null}
    </section>
  );
}
