import { call } from "@alif/api";
import { PreferencesProvider, usePreferences } from "@alif/app/preferences";
import { useAuth, useMe } from "@alif/auth";
import { errorMessage, formatDate, useTranslation } from "@alif/i18n";
import { fieldError } from "@alif/i18n/forms";
import {
  Alert,
  Avatar,
  Button,
  Card,
  CardTitle,
  cx,
  Dialog,
  Field,
  Input,
  LanguageSwitch,
  Page,
  QueryState,
  Textarea,
  useToast,
} from "@alif/ui";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { AvatarPicker } from "../components/AvatarPicker.tsx";
import {
  type OrganizationDraft,
  OrganizationFields,
  organizationBody,
} from "../components/OrganizationFields.tsx";
import { describeDevice } from "../lib/device.ts";
import { saveLanguage } from "../lib/language.ts";
import { inventoryQuery, keys, sessionsQuery } from "../lib/queries.ts";

/** Sound in every app of the child's (the games app reads the same switch). */
function Sound() {
  const { t } = useTranslation();
  const { sound, set } = usePreferences();
  return (
    <Card className="flex flex-wrap items-center justify-between gap-4">
      <CardTitle>{t("settings.sound")}</CardTitle>
      <button
        type="button"
        aria-pressed={sound}
        onClick={() => set({ sound: !sound })}
        className={cx(
          "flex min-h-14 min-w-28 items-center justify-center gap-2 rounded-2xl px-5 font-extrabold text-xl",
          sound ? "bg-brand-600 text-white" : "bg-slate-200 text-slate-800",
        )}
      >
        <span aria-hidden="true">{sound ? "🔊" : "🔇"}</span>
        {sound ? t("settings.soundOn") : t("settings.soundOff")}
      </button>
    </Card>
  );
}

function ChildAvatar() {
  const { t } = useTranslation();
  const { api } = useAuth();
  const me = useMe();
  const [picking, setPicking] = useState(false);
  const inventory = useQuery({ ...inventoryQuery(api), enabled: picking });
  return (
    <Card className="flex flex-wrap items-center gap-4">
      <Avatar name={me.user.first_name} avatar={me.student_profile?.avatar} size="lg" />
      <Button variant="secondary" size="lg" onClick={() => setPicking(true)}>
        {t("student.chooseAvatar")}
      </Button>
      {picking ? (
        <AvatarPicker
          current={me.student_profile?.avatar ?? ""}
          bought={inventory.data?.filter((o) => o.item.kind === "avatar").map((o) => o.item) ?? []}
          onClose={() => setPicking(false)}
        />
      ) : null}
    </Card>
  );
}

function Profile() {
  const { t } = useTranslation();
  const auth = useAuth();
  const me = useMe();
  const toast = useToast();
  const role = me.user.role;
  const [firstName, setFirstName] = useState(me.user.first_name);
  const [lastName, setLastName] = useState(me.user.last_name);
  const [subjects, setSubjects] = useState((me.teacher_profile?.subjects ?? []).join(", "));
  const [bio, setBio] = useState(me.teacher_profile?.bio ?? "");
  const [school, setSchool] = useState(me.student_profile?.school_name ?? "");
  const [organization, setOrganization] = useState<OrganizationDraft>(() => ({
    name: me.organization?.name ?? "",
    kind: me.organization?.kind ?? "learning_centre",
    region: me.organization?.region ?? "",
    district: me.organization?.district ?? "",
    address: me.organization?.address ?? "",
    phone: me.organization?.phone ?? "",
  }));
  const save = useMutation({
    mutationFn: () =>
      call(
        auth.api.main.PATCH("/api/main/me", {
          body: {
            first_name: firstName.trim(),
            last_name: lastName.trim(),
            ...(role === "teacher"
              ? {
                  subjects: subjects
                    .split(",")
                    .map((s) => s.trim())
                    .filter(Boolean)
                    .slice(0, 10),
                  bio,
                }
              : {}),
            ...(role === "student" ? { school_name: school.trim() } : {}),
            ...(role === "organization" ? { organization: organizationBody(organization) } : {}),
          },
        }),
      ),
    onSuccess: async () => {
      await auth.reload();
      toast.show(t("settings.saved"));
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate();
  };
  return (
    <Card>
      <CardTitle>{t("settings.profile")}</CardTitle>
      <form onSubmit={submit} className="flex flex-col gap-5" noValidate>
        {save.error ? <Alert tone="error">{errorMessage(t, save.error)}</Alert> : null}
        <div className="grid gap-5 sm:grid-cols-2">
          <Field label={t("settings.firstName")} error={fieldError(save.error, "first_name", t)}>
            <Input
              value={firstName}
              onChange={(e) => setFirstName(e.target.value)}
              autoComplete="given-name"
              required
            />
          </Field>
          <Field label={t("settings.lastName")}>
            <Input
              value={lastName}
              onChange={(e) => setLastName(e.target.value)}
              autoComplete="family-name"
            />
          </Field>
        </div>
        {role === "teacher" ? (
          <>
            <Field label={t("register.subjects")} hint={t("register.subjectsHint")}>
              <Input value={subjects} onChange={(e) => setSubjects(e.target.value)} />
            </Field>
            <Field label={t("settings.bio")}>
              <Textarea
                value={bio}
                onChange={(e) => setBio(e.target.value)}
                rows={4}
                maxLength={2000}
              />
            </Field>
          </>
        ) : null}
        {role === "student" ? (
          <Field label={t("settings.school")}>
            <Input value={school} onChange={(e) => setSchool(e.target.value)} />
          </Field>
        ) : null}
        {role === "organization" ? (
          <fieldset className="flex flex-col gap-5 rounded-2xl border-2 border-slate-200 p-4">
            <legend className="px-2 font-extrabold">{t("org.details")}</legend>
            <OrganizationFields value={organization} onChange={setOrganization} />
          </fieldset>
        ) : null}
        <Button
          type="submit"
          loading={save.isPending}
          disabled={!firstName.trim()}
          className="self-start"
        >
          {t("common:actions.save")}
        </Button>
      </form>
    </Card>
  );
}

function ChangePassword() {
  const { t } = useTranslation();
  const { api } = useAuth();
  const toast = useToast();
  const client = useQueryClient();
  const [current, setCurrent] = useState("");
  const [next, setNext] = useState("");
  const [repeat, setRepeat] = useState("");
  const [mismatch, setMismatch] = useState(false);
  const change = useMutation({
    mutationFn: () =>
      call(
        api.main.POST("/api/main/me/password", {
          body: { current_password: current, new_password: next },
        }),
      ),
    onSuccess: () => {
      setCurrent("");
      setNext("");
      setRepeat("");
      toast.show(t("settings.passwordChanged"));
      void client.invalidateQueries({ queryKey: keys.sessions });
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setMismatch(next !== repeat);
    if (next === repeat) change.mutate();
  };
  const newError = fieldError(change.error, "new_password", t);
  return (
    <Card>
      <CardTitle>{t("settings.password")}</CardTitle>
      <form onSubmit={submit} className="flex flex-col gap-5" noValidate>
        {change.error && !newError ? (
          <Alert tone="error">{errorMessage(t, change.error)}</Alert>
        ) : null}
        <Field label={t("settings.currentPassword")}>
          <Input
            type="password"
            value={current}
            onChange={(e) => setCurrent(e.target.value)}
            autoComplete="current-password"
            required
          />
        </Field>
        <Field
          label={t("settings.newPassword")}
          hint={t("register.passwordHint")}
          error={newError ? t("fields.password") : undefined}
        >
          <Input
            type="password"
            value={next}
            onChange={(e) => setNext(e.target.value)}
            autoComplete="new-password"
            minLength={8}
            required
          />
        </Field>
        <Field
          label={t("settings.repeatPassword")}
          error={mismatch ? t("forgot.mismatch") : undefined}
        >
          <Input
            type="password"
            value={repeat}
            onChange={(e) => setRepeat(e.target.value)}
            autoComplete="new-password"
            required
          />
        </Field>
        <Button
          type="submit"
          loading={change.isPending}
          disabled={!current || next.length < 8 || !repeat}
          className="self-start"
        >
          {t("common:actions.save")}
        </Button>
      </form>
    </Card>
  );
}

function Sessions() {
  const { t, i18n } = useTranslation();
  const auth = useAuth();
  const toast = useToast();
  const client = useQueryClient();
  const sessions = useQuery(sessionsQuery(auth.api));
  const [confirm, setConfirm] = useState(false);
  const end = useMutation({
    mutationFn: (id: string) =>
      call(
        auth.api.main.DELETE("/api/main/auth/sessions/{session_id}", {
          params: { path: { session_id: id } },
        }),
      ),
    onSuccess: () => {
      toast.show(t("settings.deviceSignedOut"));
      void client.invalidateQueries({ queryKey: keys.sessions });
    },
  });
  const everywhere = useMutation({
    mutationFn: () => auth.signOut({ everywhere: true }),
  });
  return (
    <Card>
      <CardTitle>{t("settings.sessions")}</CardTitle>
      <p className="mb-4 text-muted">{t("settings.sessionsText")}</p>
      {end.error ? <Alert tone="error">{errorMessage(t, end.error)}</Alert> : null}
      <QueryState query={sessions}>
        {(list) => (
          <ul className="flex flex-col gap-3">
            {list.map((s) => (
              <li
                key={s.id}
                className="flex flex-wrap items-center gap-3 rounded-2xl bg-slate-50 p-3"
              >
                <span aria-hidden="true" className="text-2xl">
                  {/Android|iPhone|iPad|Mobile/.test(s.user_agent) ? "📱" : "💻"}
                </span>
                <span className="flex flex-1 flex-col">
                  <span className="font-bold">
                    {describeDevice(s.user_agent) ?? t("settings.unknownDevice")}
                    {s.current ? (
                      <span className="ml-2 rounded-full bg-brand-100 px-2 py-0.5 text-brand-800 text-xs">
                        {t("settings.thisDevice")}
                      </span>
                    ) : null}
                  </span>
                  <span className="text-muted text-sm">
                    {t("settings.lastUsed", {
                      date: formatDate(s.last_used_at, i18n.language, true),
                    })}
                    {s.ip_address ? ` · ${s.ip_address}` : ""}
                  </span>
                </span>
                {s.current ? null : (
                  <Button
                    variant="secondary"
                    onClick={() => end.mutate(s.id)}
                    disabled={end.isPending}
                  >
                    {t("settings.signOutDevice")}
                  </Button>
                )}
              </li>
            ))}
          </ul>
        )}
      </QueryState>
      <Button
        variant="ghost"
        className="mt-4 text-red-800 hover:bg-red-50"
        onClick={() => setConfirm(true)}
      >
        {t("settings.signOutEverywhere")}
      </Button>
      <Dialog
        open={confirm}
        onClose={() => setConfirm(false)}
        title={t("settings.everywhereTitle")}
        actions={
          <>
            <Button variant="ghost" onClick={() => setConfirm(false)}>
              {t("common:actions.cancel")}
            </Button>
            <Button
              variant="danger"
              onClick={() => everywhere.mutate()}
              loading={everywhere.isPending}
            >
              {t("settings.signOutEverywhere")}
            </Button>
          </>
        }
      >
        <p>{t("settings.everywhereText")}</p>
        {everywhere.error ? <Alert tone="error">{errorMessage(t, everywhere.error)}</Alert> : null}
      </Dialog>
    </Card>
  );
}

export default function Settings() {
  const { t } = useTranslation();
  const auth = useAuth();
  const me = useMe();
  const [leaving, setLeaving] = useState(false);
  const logout = async () => {
    setLeaving(true);
    try {
      await auth.signOut(); // the signed-in pages then send the user home
    } finally {
      setLeaving(false);
    }
  };
  return (
    <Page
      title={t("settings.title")}
      subtitle={`${me.user.phone ?? me.user.email ?? (me.user.username ? `@${me.user.username}` : "")} · ${t(`roles.${me.user.role}`)}`}
      actions={
        <Button variant="secondary" onClick={() => void logout()} loading={leaving}>
          {t("settings.logout")}
        </Button>
      }
    >
      <Card>
        <CardTitle>{t("settings.language")}</CardTitle>
        <p className="mb-4 text-muted">{t("settings.languageText")}</p>
        <LanguageSwitch onChange={(language) => saveLanguage(auth, language)} className="w-fit" />
      </Card>
      {/* A child's page is language, sound and picture: names and devices are the parent's. */}
      {me.user.role === "student" ? (
        <>
          <PreferencesProvider>
            <Sound />
          </PreferencesProvider>
          <ChildAvatar />
        </>
      ) : (
        <>
          <Profile />
          <ChangePassword />
          <Sessions />
        </>
      )}
    </Page>
  );
}
