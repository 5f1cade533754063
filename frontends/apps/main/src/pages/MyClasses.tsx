import { call, type MainSchema } from "@alif/api";
import { useAuth } from "@alif/auth";
import { errorMessage, useTranslation } from "@alif/i18n";
import {
  Alert,
  Button,
  Card,
  CardTitle,
  Dialog,
  EmptyState,
  Field,
  Input,
  linkClass,
  Page,
  QueryState,
  useToast,
} from "@alif/ui";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, type ReactNode, useState } from "react";
import { Link } from "react-router";
import { gradeLabel } from "../components/GroupFields.tsx";
import { groupKeys, myGroupsQuery } from "../lib/queries.ts";

type Summary = MainSchema<"GroupSummary">;

/** "ab12cd34" -> "AB12-CD34", as the teacher shows it; other characters are dropped. */
export function formatJoinCode(raw: string): string {
  const clean = raw
    .toUpperCase()
    .replace(/[^A-Z0-9]/g, "")
    .slice(0, 8);
  return clean.length > 4 ? `${clean.slice(0, 4)}-${clean.slice(4)}` : clean;
}

function JoinClass() {
  const { t } = useTranslation();
  const { api } = useAuth();
  const toast = useToast();
  const client = useQueryClient();
  const [code, setCode] = useState("");
  const join = useMutation({
    mutationFn: () => call(api.main.POST("/api/main/groups/join", { body: { code } })),
    onSuccess: (group) => {
      setCode("");
      toast.show(t("classes.joined", { name: group.name }));
      void client.invalidateQueries({ queryKey: groupKeys.mine });
    },
  });
  const ready = code.replace("-", "").length >= 6;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (ready) join.mutate();
  };
  return (
    <Card>
      <CardTitle>
        <span aria-hidden="true">🔑 </span>
        {t("classes.joinTitle")}
      </CardTitle>
      <form onSubmit={submit} className="flex flex-col gap-3 sm:flex-row sm:items-end" noValidate>
        <Field label={t("classes.code")} hint={t("classes.codeHint")} className="flex-1">
          <Input
            value={code}
            onChange={(e) => setCode(formatJoinCode(e.target.value))}
            autoCapitalize="characters"
            autoComplete="off"
            spellCheck={false}
            maxLength={9}
            className="font-mono text-2xl tracking-widest"
          />
        </Field>
        <Button type="submit" size="xl" loading={join.isPending} disabled={!ready}>
          {t("classes.join")}
        </Button>
      </form>
      {join.error ? (
        <Alert tone="error" className="mt-3">
          {errorMessage(t, join.error)}
        </Alert>
      ) : null}
    </Card>
  );
}

/** A class as a child or their parent sees it: its name, subject, teacher and centre. */
export function ClassRow(props: { group: Summary; action?: ReactNode }) {
  const { t } = useTranslation();
  const { group } = props;
  return (
    <li className="flex flex-wrap items-center gap-4 rounded-[var(--radius-card)] bg-white p-4 shadow-sm ring-1 ring-slate-200">
      <span
        aria-hidden="true"
        className="grid size-14 place-items-center rounded-2xl bg-sky-100 text-3xl"
      >
        🏫
      </span>
      <span className="flex flex-1 flex-col">
        <span className="font-extrabold text-lg">{group.name}</span>
        <span className="text-muted">
          {[group.subject, gradeLabel(group.grade, t)].filter(Boolean).join(" · ")}
        </span>
        <span className="text-muted text-sm">
          {t("classes.teacher", { name: group.teacher_name })}
          {group.organization_name ? ` · ${group.organization_name}` : ""}
        </span>
      </span>
      {props.action}
    </li>
  );
}

/** A child's classes: join one with the teacher's code, see them, leave one. */
export default function MyClasses() {
  const { t } = useTranslation();
  const { api } = useAuth();
  const toast = useToast();
  const client = useQueryClient();
  const groups = useQuery(myGroupsQuery(api));
  const [leaving, setLeaving] = useState<Summary | null>(null);
  const leave = useMutation({
    mutationFn: (group: Summary) =>
      call(
        api.main.DELETE("/api/main/me/groups/{group_id}", {
          params: { path: { group_id: group.id } },
        }),
      ),
    onSuccess: (_, group) => {
      setLeaving(null);
      toast.show(t("classes.left", { name: group.name }));
      void client.invalidateQueries({ queryKey: groupKeys.mine });
    },
  });
  return (
    <Page
      title={t("classes.myTitle")}
      back={
        <Link to="/home" className={linkClass("self-start")}>
          ← {t("nav.home")}
        </Link>
      }
    >
      <JoinClass />
      <QueryState query={groups}>
        {(list) =>
          list.length === 0 ? (
            <EmptyState icon="🏫" title={t("classes.none")}>
              {t("classes.noneText")}
            </EmptyState>
          ) : (
            <ul className="flex flex-col gap-3">
              {list.map((group) => (
                <ClassRow
                  key={group.id}
                  group={group}
                  action={
                    <Button variant="ghost" onClick={() => setLeaving(group)}>
                      {t("classes.leave")}
                    </Button>
                  }
                />
              ))}
            </ul>
          )
        }
      </QueryState>
      <Dialog
        open={leaving !== null}
        onClose={() => setLeaving(null)}
        title={t("classes.leaveTitle", { name: leaving?.name ?? "" })}
        actions={
          <>
            <Button variant="ghost" size="lg" onClick={() => setLeaving(null)}>
              {t("shop.no")}
            </Button>
            <Button
              variant="danger"
              size="lg"
              loading={leave.isPending}
              onClick={() => leaving && leave.mutate(leaving)}
            >
              {t("classes.leave")}
            </Button>
          </>
        }
      >
        <p>{t("classes.leaveText")}</p>
        {leave.error ? <Alert tone="error">{errorMessage(t, leave.error)}</Alert> : null}
      </Dialog>
    </Page>
  );
}
