import { ApiError, call, type MainSchema } from "@alif/api";
import { useAuth } from "@alif/auth";
import { errorMessage, formatDate, useTranslation } from "@alif/i18n";
import { fieldError } from "@alif/i18n/forms";
import {
  Alert,
  Avatar,
  Button,
  buttonClass,
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
import { Link, useNavigate, useParams } from "react-router";
import { ChildCourses } from "../components/ChildCourses.tsx";
import { type ChildDraft, ChildFields, childBody } from "../components/ChildFields.tsx";
import { ChildLetters } from "../components/ChildLetters.tsx";
import { StatusBadge } from "../components/StatusBadge.tsx";
import { WalletSummary } from "../components/WalletSummary.tsx";
import {
  childGroupsQuery,
  childInvitationsQuery,
  childQuery,
  childWalletQuery,
  groupKeys,
  keys,
} from "../lib/queries.ts";
import { ClassRow } from "./MyClasses.tsx";

type Child = MainSchema<"ChildRead">;

function draftOf(child: Child): ChildDraft {
  return {
    first_name: child.first_name,
    last_name: child.last_name,
    birth_date: child.birth_date ?? "",
    grade: child.grade === null ? "" : String(child.grade),
    school_name: child.school_name,
  };
}

function EditChild({ child }: { child: Child }) {
  const { t } = useTranslation();
  const { api } = useAuth();
  const toast = useToast();
  const client = useQueryClient();
  const [draft, setDraft] = useState(() => draftOf(child));
  const save = useMutation({
    mutationFn: () =>
      call(
        api.main.PATCH("/api/main/children/{child_id}", {
          params: { path: { child_id: child.id } },
          body: childBody(draft),
        }),
      ),
    onSuccess: (updated) => {
      client.setQueryData(keys.child(child.id), updated);
      void client.invalidateQueries({ queryKey: keys.children, exact: true });
      toast.show(t("childDetail.saved"));
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate();
  };
  return (
    <Card>
      <CardTitle>{t("childDetail.edit")}</CardTitle>
      <form onSubmit={submit} className="flex flex-col gap-5" noValidate>
        {save.error && !fieldError(save.error, "first_name", t) ? (
          <Alert tone="error">{errorMessage(t, save.error)}</Alert>
        ) : null}
        <ChildFields
          value={draft}
          onChange={setDraft}
          errors={{ first_name: fieldError(save.error, "first_name", t) }}
        />
        <Button
          type="submit"
          loading={save.isPending}
          disabled={!draft.first_name.trim()}
          className="self-start"
        >
          {t("common:actions.save")}
        </Button>
      </form>
    </Card>
  );
}

function ResetPin({ child }: { child: Child }) {
  const { t } = useTranslation();
  const { api } = useAuth();
  const toast = useToast();
  const [open, setOpen] = useState(false);
  const [pin, setPin] = useState("");
  const reset = useMutation({
    mutationFn: () =>
      call(
        api.main.PUT("/api/main/children/{child_id}/pin", {
          params: { path: { child_id: child.id } },
          body: { pin },
        }),
      ),
    onSuccess: () => {
      toast.show(t("childDetail.pinChanged"));
      setOpen(false);
      setPin("");
    },
  });
  const close = () => {
    setOpen(false);
    setPin("");
    reset.reset();
  };
  return (
    <>
      <Button variant="secondary" onClick={() => setOpen(true)}>
        <span aria-hidden="true">🔑</span> {t("childDetail.resetPin")}
      </Button>
      <Dialog
        open={open}
        onClose={close}
        title={t("childDetail.resetPin")}
        actions={
          <>
            <Button variant="ghost" onClick={close}>
              {t("common:actions.cancel")}
            </Button>
            <Button
              onClick={() => reset.mutate()}
              loading={reset.isPending}
              disabled={pin.length < 4}
            >
              {t("common:actions.save")}
            </Button>
          </>
        }
      >
        <p className="text-muted">{t("childDetail.resetPinText")}</p>
        {reset.error ? <Alert tone="error">{errorMessage(t, reset.error)}</Alert> : null}
        <Field label={t("childDetail.newPin")} hint={t("childForm.pinHint")}>
          <Input
            value={pin}
            onChange={(e) => setPin(e.target.value.replace(/\D/g, "").slice(0, 6))}
            inputMode="numeric"
            autoComplete="new-password"
            className="font-mono text-2xl tracking-[0.3em]"
          />
        </Field>
      </Dialog>
    </>
  );
}

function RemoveChild({ child }: { child: Child }) {
  const { t } = useTranslation();
  const { api } = useAuth();
  const toast = useToast();
  const navigate = useNavigate();
  const client = useQueryClient();
  const [open, setOpen] = useState(false);
  const remove = useMutation({
    mutationFn: () =>
      call(
        api.main.DELETE("/api/main/children/{child_id}", {
          params: { path: { child_id: child.id } },
        }),
      ),
    onSuccess: () => {
      client.removeQueries({ queryKey: keys.child(child.id) });
      void client.invalidateQueries({ queryKey: keys.children });
      toast.show(t("childDetail.removed", { name: child.first_name }));
      navigate("/home", { replace: true });
    },
  });
  return (
    <>
      <Button
        variant="ghost"
        className="text-red-800 hover:bg-red-50"
        onClick={() => setOpen(true)}
      >
        {t("childDetail.remove")}
      </Button>
      <Dialog
        open={open}
        onClose={() => setOpen(false)}
        title={t("childDetail.removeTitle", { name: child.first_name })}
        actions={
          <>
            <Button variant="ghost" onClick={() => setOpen(false)}>
              {t("common:actions.cancel")}
            </Button>
            <Button variant="danger" onClick={() => remove.mutate()} loading={remove.isPending}>
              {t("childDetail.remove")}
            </Button>
          </>
        }
      >
        <p>{t("childDetail.removeText")}</p>
        {remove.error ? <Alert tone="error">{errorMessage(t, remove.error)}</Alert> : null}
      </Dialog>
    </>
  );
}

function ChildCoins({ child }: { child: Child }) {
  const { t } = useTranslation();
  const { api } = useAuth();
  const wallet = useQuery(childWalletQuery(api, child.id));
  return (
    <QueryState query={wallet}>
      {(data) => (
        <WalletSummary
          wallet={data}
          title={t("coins.childBalance", { name: child.first_name })}
          action={
            <Link to={`/children/${child.id}/coins`} className={buttonClass("secondary", "lg")}>
              {t("coins.history")}
            </Link>
          }
        />
      )}
    </QueryState>
  );
}

type Invitation = MainSchema<"ChildInvitationRead">;

/** Classes a teacher invited the child to: the child joins only when the parent accepts. */
function ChildInvitations({ child }: { child: Child }) {
  const { t } = useTranslation();
  const { api } = useAuth();
  const toast = useToast();
  const client = useQueryClient();
  const invitations = useQuery(childInvitationsQuery(api, child.id));
  const decide = useMutation({
    mutationFn: ({ invitation, accept }: { invitation: Invitation; accept: boolean }) => {
      const params = {
        params: { path: { child_id: child.id, invitation_id: invitation.id } },
      };
      return accept
        ? call(
            api.main.POST(
              "/api/main/children/{child_id}/group-invitations/{invitation_id}/accept",
              params,
            ),
          )
        : call(
            api.main.POST(
              "/api/main/children/{child_id}/group-invitations/{invitation_id}/decline",
              params,
            ),
          );
    },
    onSuccess: (_, { invitation, accept }) => {
      toast.show(
        t(accept ? "classes.invitationAccepted" : "classes.invitationDeclined", {
          name: invitation.group_name,
        }),
      );
      void client.invalidateQueries({ queryKey: groupKeys.childInvitations(child.id) });
      void client.invalidateQueries({ queryKey: groupKeys.child(child.id) });
    },
  });
  const list = invitations.data ?? [];
  if (list.length === 0) return null;
  return (
    <Card>
      <CardTitle>{t("classes.invitationsTitle", { name: child.first_name })}</CardTitle>
      {decide.error ? <Alert tone="error">{errorMessage(t, decide.error)}</Alert> : null}
      <ul className="flex flex-col gap-3">
        {list.map((invitation) => (
          <li
            key={invitation.id}
            className="flex flex-wrap items-center gap-3 rounded-2xl bg-slate-50 p-3"
          >
            <span className="flex flex-1 flex-col">
              <span className="font-bold">{invitation.group_name}</span>
              <span className="text-muted text-sm">
                {t("classes.teacher", { name: invitation.teacher_name })}
                {invitation.organization_name ? ` · ${invitation.organization_name}` : ""}
              </span>
            </span>
            <span className="flex gap-2">
              <Button
                onClick={() => decide.mutate({ invitation, accept: true })}
                disabled={decide.isPending}
              >
                {t("classes.accept")}
              </Button>
              <Button
                variant="secondary"
                onClick={() => decide.mutate({ invitation, accept: false })}
                disabled={decide.isPending}
              >
                {t("classes.decline")}
              </Button>
            </span>
          </li>
        ))}
      </ul>
    </Card>
  );
}

function ChildClasses({ child }: { child: Child }) {
  const { t } = useTranslation();
  const { api } = useAuth();
  const groups = useQuery(childGroupsQuery(api, child.id));
  return (
    <section aria-labelledby="classes-title" className="flex flex-col gap-3">
      <h2 id="classes-title" className="font-extrabold text-2xl">
        {t("classes.childTitle", { name: child.first_name })}
      </h2>
      <QueryState query={groups}>
        {(list) =>
          list.length === 0 ? (
            <p className="text-muted">{t("classes.childNone")}</p>
          ) : (
            <ul className="flex flex-col gap-3">
              {list.map((group) => (
                <ClassRow key={group.id} group={group} />
              ))}
            </ul>
          )
        }
      </QueryState>
    </section>
  );
}

/** Wrong PINs typed for the child, and the lock they caused: someone may be guessing. */
function PinLock({ child }: { child: Child }) {
  const { t, i18n } = useTranslation();
  const locked = child.pin_locked_until && new Date(child.pin_locked_until) > new Date();
  if (locked && child.pin_locked_until) {
    return (
      <Alert tone="warning">
        {t("childDetail.pinLocked", {
          name: child.first_name,
          attempts: child.pin_failed_attempts,
          time: formatDate(child.pin_locked_until, i18n.language, true),
        })}
      </Alert>
    );
  }
  if (child.pin_failed_attempts > 0) {
    return (
      <Alert tone="info">
        {t("childDetail.pinWrong", { attempts: child.pin_failed_attempts })}
      </Alert>
    );
  }
  return null;
}

export default function ChildDetail() {
  const { t, i18n } = useTranslation();
  const { childId = "" } = useParams();
  const { api } = useAuth();
  const child = useQuery(childQuery(api, childId));
  const back = (
    <Link to="/home" className={linkClass("self-start")}>
      ← {t("home.children")}
    </Link>
  );
  if (
    child.error instanceof ApiError &&
    (child.error.code === "child_not_found" || child.error.status === 422)
  ) {
    return (
      <Page title={t("childDetail.notFound")} back={back}>
        <EmptyState icon="🔍" title={t("childDetail.notFound")} />
      </Page>
    );
  }
  return (
    <QueryState query={child}>
      {(data) => (
        <Page
          title={`${data.first_name} ${data.last_name}`.trim()}
          subtitle={data.username ? `@${data.username}` : undefined}
          back={back}
        >
          {data.status === "blocked" ? (
            <Alert tone="error">{t("childDetail.blocked")}</Alert>
          ) : null}
          <PinLock child={data} />
          <Card className="flex items-start gap-4">
            <Avatar name={data.first_name} avatar={data.avatar} size="lg" />
            <div className="flex flex-1 flex-col gap-1">
              <div className="flex flex-wrap items-center justify-between gap-2">
                <p className="font-bold text-lg">{t("childDetail.loginInfo")}</p>
                <StatusBadge status={data.status} />
              </div>
              <p>
                {t("childDetail.username")}:{" "}
                <strong className="font-mono text-lg">{data.username}</strong>
              </p>
              <p className="text-muted text-sm">{t("childDetail.pinNote")}</p>
              <p className="text-muted text-sm">
                {data.last_login_at
                  ? t("home.lastLogin", {
                      date: formatDate(data.last_login_at, i18n.language, true),
                    })
                  : t("home.neverLoggedIn")}
              </p>
            </div>
          </Card>
          <ChildCoins child={data} />
          <ChildLetters childId={data.id} name={data.first_name} />
          <ChildCourses childId={data.id} name={data.first_name} />
          <ChildInvitations child={data} />
          <ChildClasses child={data} />
          <div className="flex flex-wrap gap-3">
            <ResetPin child={data} />
            <RemoveChild child={data} />
          </div>
          <EditChild key={data.id} child={data} />
        </Page>
      )}
    </QueryState>
  );
}
