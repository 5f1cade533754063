import { call } from "@alif/api";
import { appOrigin, useAuth } from "@alif/auth";
import { errorMessage, formatDate, useTranslation } from "@alif/i18n";
import { Alert, Button, Field, Input, Select } from "@alif/ui";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { assignmentsQuery, groupsQuery, keys, type QuizDetail } from "../lib/queries.ts";

/** Giving a published test to a class (main's groups), with a due date; and its share code. */
export function Assign(props: { test: QuizDetail }) {
  const { t, i18n } = useTranslation();
  const { api } = useAuth();
  const client = useQueryClient();
  const { test } = props;
  const groups = useQuery(groupsQuery(api));
  const assignments = useQuery(assignmentsQuery(api, test.id));
  const [group, setGroup] = useState("");
  const [due, setDue] = useState("");
  const assign = useMutation({
    mutationFn: () =>
      call(
        api.testai.POST("/api/testai/tests/{test_id}/assignments", {
          params: { path: { test_id: test.id } },
          body: { group_id: group, due_at: due ? new Date(due).toISOString() : null },
        }),
      ),
    onSuccess: () => {
      setGroup("");
      void client.invalidateQueries({ queryKey: keys.assignments(test.id) });
    },
  });
  const unassign = useMutation({
    mutationFn: (id: string) =>
      call(
        api.testai.DELETE("/api/testai/tests/{test_id}/assignments/{assignment_id}", {
          params: { path: { test_id: test.id, assignment_id: id } },
        }),
      ),
    onSettled: () => client.invalidateQueries({ queryKey: keys.assignments(test.id) }),
  });
  const share = useMutation({
    mutationFn: () =>
      call(
        api.testai.POST("/api/testai/tests/{test_id}/share", {
          params: { path: { test_id: test.id } },
        }),
      ),
    onSuccess: () => client.invalidateQueries({ queryKey: keys.test(test.id) }),
  });
  if (test.status !== "published") return <Alert tone="info">{t("assign.publishFirst")}</Alert>;
  const groupName = (id: string | null) =>
    groups.data?.find((g) => g.id === id)?.name ?? t("assign.someGroup");
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (group) assign.mutate();
  };
  return (
    <div className="flex flex-col gap-4">
      <form onSubmit={submit} className="flex flex-col gap-3 sm:flex-row sm:items-end" noValidate>
        <Field label={t("assign.group")} className="flex-1">
          <Select value={group} onChange={(e) => setGroup(e.target.value)} required>
            <option value="">{groups.isPending ? t("assign.loading") : "—"}</option>
            {(groups.data ?? []).map((g) => (
              <option key={g.id} value={g.id}>
                {g.name}
              </option>
            ))}
          </Select>
        </Field>
        <Field label={t("assign.due")}>
          <Input type="datetime-local" value={due} onChange={(e) => setDue(e.target.value)} />
        </Field>
        <Button type="submit" loading={assign.isPending} disabled={!group}>
          {t("assign.assign")}
        </Button>
      </form>
      {groups.data?.length === 0 ? <Alert tone="info">{t("assign.noGroups")}</Alert> : null}
      {assign.error ? <Alert tone="error">{errorMessage(t, assign.error)}</Alert> : null}
      {assignments.data?.length ? (
        <ul className="flex flex-col divide-y divide-slate-100">
          {assignments.data.map((a) => (
            <li key={a.id} className="flex min-h-12 items-center gap-3">
              <span className="flex-1 font-semibold">
                {groupName(a.group_id)}
                {a.due_at
                  ? ` · ${t("student.dueAt", { date: formatDate(a.due_at, i18n.language, true) })}`
                  : ""}
              </span>
              <Button
                variant="ghost"
                loading={unassign.isPending && unassign.variables === a.id}
                onClick={() => unassign.mutate(a.id)}
              >
                {t("assign.remove")}
              </Button>
            </li>
          ))}
        </ul>
      ) : null}
      <div className="flex flex-wrap items-center gap-3">
        {test.share_code ? (
          <p>
            {t("assign.code")}: <strong className="font-mono text-xl">{test.share_code}</strong> ·{" "}
            <span className="break-all text-muted">{`${appOrigin("testai")}/?code=${test.share_code}`}</span>
          </p>
        ) : (
          <Button variant="secondary" loading={share.isPending} onClick={() => share.mutate()}>
            {t("assign.makeCode")}
          </Button>
        )}
      </div>
      {share.error ? <Alert tone="error">{errorMessage(t, share.error)}</Alert> : null}
    </div>
  );
}
