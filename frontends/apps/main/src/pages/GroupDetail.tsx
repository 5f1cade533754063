import { ApiError, call, type MainSchema } from "@alif/api";
import { useAuth } from "@alif/auth";
import { errorMessage, formatDate, useTranslation } from "@alif/i18n";
import { fieldError } from "@alif/i18n/forms";
import {
  Alert,
  Avatar,
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
import { type FormEvent, useState } from "react";
import { Link, useParams } from "react-router";
import { GroupFields, gradeLabel, groupBody, groupDraft } from "../components/GroupFields.tsx";
import { groupKeys, groupMembersQuery, groupQuery } from "../lib/queries.ts";

type Group = MainSchema<"GroupRead">;
type Member = MainSchema<"MemberRead">;

function useGroupUpdate(group: Group) {
  const client = useQueryClient();
  return (updated: Group) => {
    client.setQueryData(groupKeys.group(group.id), updated);
    void client.invalidateQueries({ queryKey: ["groups", "managed"] });
  };
}

function JoinCode({ group }: { group: Group }) {
  const { t } = useTranslation();
  const { api } = useAuth();
  const toast = useToast();
  const updated = useGroupUpdate(group);
  const [confirming, setConfirming] = useState(false);
  const renew = useMutation({
    mutationFn: () =>
      call(
        api.main.POST("/api/main/groups/{group_id}/join-code", {
          params: { path: { group_id: group.id } },
        }),
      ),
    onSuccess: (next) => {
      updated(next);
      setConfirming(false);
      toast.show(t("groups.newCodeDone"));
    },
  });
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(group.join_code);
      toast.show(t("home.copied"));
    } catch {
      // the code stays on screen to copy by hand
    }
  };
  return (
    <Card>
      <CardTitle>{t("groups.joinCode")}</CardTitle>
      <div className="flex flex-wrap items-center gap-3">
        <strong className="rounded-2xl bg-sun-100 px-5 py-3 font-mono text-3xl tracking-widest">
          {group.join_code}
        </strong>
        <Button variant="secondary" onClick={() => void copy()}>
          {t("home.copy")}
        </Button>
        <Button variant="ghost" onClick={() => setConfirming(true)}>
          {t("groups.newCode")}
        </Button>
      </div>
      <p className="mt-3 text-muted">{t("groups.joinCodeText")}</p>
      <Dialog
        open={confirming}
        onClose={() => setConfirming(false)}
        title={t("groups.newCode")}
        actions={
          <>
            <Button variant="ghost" onClick={() => setConfirming(false)}>
              {t("common:actions.cancel")}
            </Button>
            <Button loading={renew.isPending} onClick={() => renew.mutate()}>
              {t("groups.newCode")}
            </Button>
          </>
        }
      >
        <p>{t("groups.newCodeText")}</p>
        {renew.error ? <Alert tone="error">{errorMessage(t, renew.error)}</Alert> : null}
      </Dialog>
    </Card>
  );
}

function AddMember({ group }: { group: Group }) {
  const { t } = useTranslation();
  const { api } = useAuth();
  const toast = useToast();
  const [username, setUsername] = useState("");
  const add = useMutation({
    mutationFn: () =>
      call(
        // An invitation: the child joins when a parent accepts it (the answer is the same
        // whether or not the username exists).
        api.main.POST("/api/main/groups/{group_id}/invitations", {
          params: { path: { group_id: group.id } },
          body: { username: username.trim().replace(/^@/, "") },
        }),
      ),
    onSuccess: (invitation) => {
      setUsername("");
      toast.show(t("groups.invited", { username: invitation.username }));
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (username.trim()) add.mutate();
  };
  const usernameError = fieldError(add.error, "username", t);
  return (
    <div className="flex flex-col gap-3">
      <form onSubmit={submit} className="flex flex-col gap-3 sm:flex-row sm:items-start" noValidate>
        <Field
          label={t("groups.addByUsername")}
          hint={t("groups.addHint")}
          error={usernameError}
          className="flex-1"
        >
          <Input
            value={username}
            onChange={(e) => setUsername(e.target.value)}
            autoCapitalize="none"
            autoComplete="off"
            spellCheck={false}
          />
        </Field>
        <Button
          type="submit"
          size="lg"
          className="sm:mt-8"
          loading={add.isPending}
          disabled={!username.trim()}
        >
          {t("groups.add")}
        </Button>
      </form>
      {add.error && !usernameError ? (
        <Alert tone="error">{errorMessage(t, add.error)}</Alert>
      ) : null}
    </div>
  );
}

function Members({ group }: { group: Group }) {
  const { t, i18n } = useTranslation();
  const { api } = useAuth();
  const toast = useToast();
  const client = useQueryClient();
  const members = useQuery(groupMembersQuery(api, group.id));
  const [removing, setRemoving] = useState<Member | null>(null);
  const remove = useMutation({
    mutationFn: (member: Member) =>
      call(
        api.main.DELETE("/api/main/groups/{group_id}/members/{student_id}", {
          params: { path: { group_id: group.id, student_id: member.student_id } },
        }),
      ),
    onSuccess: (_, member) => {
      setRemoving(null);
      toast.show(t("groups.removed", { name: member.first_name }));
      void client.invalidateQueries({ queryKey: groupKeys.members(group.id) });
      void client.invalidateQueries({ queryKey: groupKeys.group(group.id) });
    },
  });
  return (
    <Card>
      <CardTitle>
        {t("groups.members")} ({group.member_count})
      </CardTitle>
      {!group.archived_at ? <AddMember group={group} /> : null}
      <div className="mt-4">
        <QueryState query={members}>
          {(list) =>
            list.length === 0 ? (
              <EmptyState icon="👧" title={t("groups.noMembers")}>
                {t("groups.noMembersText")}
              </EmptyState>
            ) : (
              <ul className="divide-y divide-slate-200">
                {list.map((member) => (
                  <li key={member.student_id} className="flex items-center gap-3 py-3">
                    <Avatar name={member.first_name} />
                    <span className="flex flex-1 flex-col">
                      <span className="font-bold">
                        {member.first_name} {member.last_name}
                      </span>
                      <span className="text-muted text-sm">
                        {member.username ? `@${member.username} · ` : ""}
                        {t("groups.joinedAt", {
                          date: formatDate(member.joined_at, i18n.language),
                        })}
                      </span>
                    </span>
                    <Button variant="ghost" onClick={() => setRemoving(member)}>
                      {t("groups.remove")}
                    </Button>
                  </li>
                ))}
              </ul>
            )
          }
        </QueryState>
      </div>
      <Dialog
        open={removing !== null}
        onClose={() => setRemoving(null)}
        title={t("groups.removeTitle", { name: removing?.first_name ?? "" })}
        actions={
          <>
            <Button variant="ghost" onClick={() => setRemoving(null)}>
              {t("common:actions.cancel")}
            </Button>
            <Button
              variant="danger"
              loading={remove.isPending}
              onClick={() => removing && remove.mutate(removing)}
            >
              {t("groups.remove")}
            </Button>
          </>
        }
      >
        <p>{t("groups.removeText")}</p>
        {remove.error ? <Alert tone="error">{errorMessage(t, remove.error)}</Alert> : null}
      </Dialog>
    </Card>
  );
}

function EditGroup(props: { group: Group; onClose(): void }) {
  const { t } = useTranslation();
  const { api } = useAuth();
  const toast = useToast();
  const updated = useGroupUpdate(props.group);
  const [draft, setDraft] = useState(groupDraft(props.group));
  const save = useMutation({
    mutationFn: () =>
      call(
        api.main.PATCH("/api/main/groups/{group_id}", {
          params: { path: { group_id: props.group.id } },
          body: groupBody(draft),
        }),
      ),
    onSuccess: (group) => {
      updated(group);
      toast.show(t("groups.saved"));
      props.onClose();
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (draft.name.trim()) save.mutate();
  };
  const nameError = fieldError(save.error, "name", t);
  return (
    <Dialog open onClose={props.onClose} title={t("common:actions.edit")}>
      <form onSubmit={submit} className="flex flex-col gap-4" noValidate>
        {save.error && !nameError ? (
          <Alert tone="error">{errorMessage(t, save.error)}</Alert>
        ) : null}
        <GroupFields value={draft} onChange={setDraft} nameError={nameError} />
        <Button type="submit" loading={save.isPending} disabled={!draft.name.trim()}>
          {t("common:actions.save")}
        </Button>
      </form>
    </Dialog>
  );
}

function Archive({ group }: { group: Group }) {
  const { t } = useTranslation();
  const { api } = useAuth();
  const toast = useToast();
  const updated = useGroupUpdate(group);
  const [confirming, setConfirming] = useState(false);
  const archived = Boolean(group.archived_at);
  const toggle = useMutation({
    mutationFn: () => {
      const params = { params: { path: { group_id: group.id } } };
      return archived
        ? call(api.main.POST("/api/main/groups/{group_id}/unarchive", params))
        : call(api.main.POST("/api/main/groups/{group_id}/archive", params));
    },
    onSuccess: (next) => {
      updated(next);
      setConfirming(false);
      toast.show(next.archived_at ? t("groups.archivedToast") : t("groups.restoredToast"));
    },
  });
  return (
    <>
      <Button
        variant="ghost"
        onClick={() => (archived ? toggle.mutate() : setConfirming(true))}
        loading={archived && toggle.isPending}
      >
        {archived ? t("groups.unarchive") : t("groups.archive")}
      </Button>
      {archived && toggle.error ? (
        <Alert tone="error">{errorMessage(t, toggle.error)}</Alert>
      ) : null}
      <Dialog
        open={confirming}
        onClose={() => setConfirming(false)}
        title={t("groups.archiveTitle", { name: group.name })}
        actions={
          <>
            <Button variant="ghost" onClick={() => setConfirming(false)}>
              {t("common:actions.cancel")}
            </Button>
            <Button variant="danger" loading={toggle.isPending} onClick={() => toggle.mutate()}>
              {t("groups.archive")}
            </Button>
          </>
        }
      >
        <p>{t("groups.archiveText")}</p>
        {toggle.error ? <Alert tone="error">{errorMessage(t, toggle.error)}</Alert> : null}
      </Dialog>
    </>
  );
}

/** One class: its join code, its students (add by username, remove), its details, archiving. */
export default function GroupDetail() {
  const { t } = useTranslation();
  const { groupId = "" } = useParams();
  const { api } = useAuth();
  const group = useQuery(groupQuery(api, groupId));
  const [editing, setEditing] = useState(false);
  const back = (
    <Link to="/groups" className={linkClass("self-start")}>
      ← {t("groups.title")}
    </Link>
  );
  if (
    group.error instanceof ApiError &&
    (group.error.code === "group_not_found" || group.error.status === 422)
  ) {
    return (
      <Page title={t("groups.notFound")} back={back}>
        <EmptyState icon="🔍" title={t("groups.notFound")} />
      </Page>
    );
  }
  return (
    <QueryState query={group}>
      {(data) => (
        <Page
          title={data.name}
          subtitle={[data.subject, gradeLabel(data.grade, t), data.teacher_name]
            .filter(Boolean)
            .join(" · ")}
          back={back}
          actions={
            <span className="flex flex-wrap gap-2">
              <Button variant="secondary" onClick={() => setEditing(true)}>
                {t("common:actions.edit")}
              </Button>
              <Archive group={data} />
            </span>
          }
        >
          {data.archived_at ? (
            <Alert tone="info">{t("groups.archivedNote")}</Alert>
          ) : (
            <JoinCode group={data} />
          )}
          <Members group={data} />
          {editing ? <EditGroup group={data} onClose={() => setEditing(false)} /> : null}
        </Page>
      )}
    </QueryState>
  );
}
