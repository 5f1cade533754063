import { call, type MainSchema } from "@alif/api";
import { useAuth, useMe } from "@alif/auth";
import { errorMessage, useTranslation } from "@alif/i18n";
import { fieldError } from "@alif/i18n/forms";
import {
  Alert,
  Button,
  cx,
  Dialog,
  EmptyState,
  Field,
  Page,
  QueryState,
  Select,
  useToast,
} from "@alif/ui";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { Link, useNavigate } from "react-router";
import { GroupFields, gradeLabel, groupBody, groupDraft } from "../components/GroupFields.tsx";
import { groupKeys, managedGroupsQuery, membersQuery } from "../lib/queries.ts";

type Group = MainSchema<"GroupRead">;

/** The organization's approved teachers, to lead a group (the organization itself by default). */
function TeacherSelect(props: { value: string; onChange(value: string): void }) {
  const { t } = useTranslation();
  const { api } = useAuth();
  const members = useQuery(membersQuery(api));
  const teachers = members.data?.filter((m) => m.status === "active") ?? [];
  return (
    <Field label={t("groups.teacher")} hint={t("groups.teacherHint")}>
      <Select value={props.value} onChange={(e) => props.onChange(e.target.value)}>
        <option value="">{t("groups.teacherSelf")}</option>
        {teachers.map((m) => (
          <option key={m.user_id} value={m.user_id}>
            {m.first_name} {m.last_name}
          </option>
        ))}
      </Select>
    </Field>
  );
}

function CreateGroup(props: { onClose(): void }) {
  const { t } = useTranslation();
  const me = useMe();
  const { api } = useAuth();
  const toast = useToast();
  const navigate = useNavigate();
  const client = useQueryClient();
  const organization = me.user.role === "organization";
  const membership = me.membership?.status === "active" ? me.membership : null;
  const [draft, setDraft] = useState({ ...groupDraft(), teacher: "", inCentre: false });
  const create = useMutation({
    mutationFn: () =>
      call(
        api.main.POST("/api/main/groups", {
          body: {
            ...groupBody(draft),
            ...(organization && draft.teacher ? { teacher_id: draft.teacher } : {}),
            ...(!organization && draft.inCentre && membership
              ? { organization_id: membership.organization.id }
              : {}),
          },
        }),
      ),
    onSuccess: (group) => {
      void client.invalidateQueries({ queryKey: groupKeys.all });
      toast.show(t("groups.created", { name: group.name }));
      navigate(`/groups/${group.id}`);
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (draft.name.trim()) create.mutate();
  };
  const nameError = fieldError(create.error, "name", t);
  return (
    <Dialog open onClose={props.onClose} title={t("groups.new")}>
      <form onSubmit={submit} className="flex flex-col gap-4" noValidate>
        {create.error && !nameError ? (
          <Alert tone="error">{errorMessage(t, create.error)}</Alert>
        ) : null}
        <GroupFields
          value={draft}
          onChange={(fields) => setDraft({ ...draft, ...fields })}
          nameError={nameError}
          autoFocus
        />
        {organization ? (
          <TeacherSelect
            value={draft.teacher}
            onChange={(teacher) => setDraft({ ...draft, teacher })}
          />
        ) : membership ? (
          <label className="flex min-h-12 items-center gap-3 font-bold">
            <input
              type="checkbox"
              className="size-6 accent-brand-600"
              checked={draft.inCentre}
              onChange={(e) => setDraft({ ...draft, inCentre: e.target.checked })}
            />
            {t("groups.inCentre", { name: membership.organization.name })}
          </label>
        ) : null}
        <Button type="submit" size="lg" loading={create.isPending} disabled={!draft.name.trim()}>
          {t("groups.create")}
        </Button>
      </form>
    </Dialog>
  );
}

function GroupCard({ group }: { group: Group }) {
  const { t } = useTranslation();
  const details = [group.subject, gradeLabel(group.grade, t)].filter(Boolean).join(" · ");
  return (
    <Link
      to={`/groups/${group.id}`}
      className={cx(
        "flex h-full flex-col gap-2 rounded-[var(--radius-card)] bg-white p-5 shadow-sm ring-1 ring-slate-200 hover:bg-brand-50",
        group.archived_at && "opacity-70",
      )}
    >
      <span className="flex items-start gap-2">
        <span className="flex-1 font-extrabold text-xl">{group.name}</span>
        {group.archived_at ? (
          <span className="rounded-full bg-slate-200 px-3 py-1 font-bold text-sm">
            {t("groups.archived")}
          </span>
        ) : null}
      </span>
      {details ? <span className="text-muted">{details}</span> : null}
      <span className="text-muted text-sm">{group.teacher_name}</span>
      <span className="mt-auto flex items-center justify-between gap-2 pt-2">
        <span className="font-bold">
          <span aria-hidden="true">👧 </span>
          {t("groups.memberCount", { members: group.member_count })}
        </span>
        {!group.archived_at ? (
          <span className="rounded-xl bg-sun-100 px-3 py-1 font-mono font-bold">
            {group.join_code}
          </span>
        ) : null}
      </span>
    </Link>
  );
}

/** A teacher's classes, or all of an organization's groups: create one, open one. */
export default function Groups() {
  const { t } = useTranslation();
  const me = useMe();
  const { api } = useAuth();
  const [archived, setArchived] = useState(false);
  const [creating, setCreating] = useState(false);
  const approved = me.user.status === "active";
  const groups = useQuery({ ...managedGroupsQuery(api, archived), enabled: approved });
  const title = me.user.role === "organization" ? t("groups.orgTitle") : t("groups.title");
  if (!approved) {
    return (
      <Page title={title}>
        <Alert tone="warning" title={t("groups.waitTitle")}>
          {t("groups.waitText")}
        </Alert>
      </Page>
    );
  }
  const create = (
    <Button size="lg" onClick={() => setCreating(true)}>
      <span aria-hidden="true">+</span> {t("groups.new")}
    </Button>
  );
  return (
    <Page title={title} subtitle={t("groups.subtitle")} actions={create}>
      <label className="flex min-h-12 items-center gap-3 self-start font-bold">
        <input
          type="checkbox"
          className="size-6 accent-brand-600"
          checked={archived}
          onChange={(e) => setArchived(e.target.checked)}
        />
        {t("groups.showArchived")}
      </label>
      <QueryState query={groups}>
        {(list) =>
          list.length === 0 ? (
            <EmptyState icon="🏫" title={t("groups.none")} action={create}>
              {t("groups.noneText")}
            </EmptyState>
          ) : (
            <ul className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
              {list.map((group) => (
                <li key={group.id}>
                  <GroupCard group={group} />
                </li>
              ))}
            </ul>
          )
        }
      </QueryState>
      {creating ? <CreateGroup onClose={() => setCreating(false)} /> : null}
    </Page>
  );
}
