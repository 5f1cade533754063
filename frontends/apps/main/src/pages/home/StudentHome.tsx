import { call } from "@alif/api";
import { useAuth, useMe } from "@alif/auth";
import { errorMessage, useTranslation } from "@alif/i18n";
import {
  Alert,
  AVATARS,
  Avatar,
  Button,
  Card,
  CardTitle,
  cx,
  Dialog,
  Field,
  Input,
  useToast,
} from "@alif/ui";
import { type FormEvent, useState } from "react";
import { AppTiles } from "../../components/AppTiles.tsx";
import { useAction } from "../../lib/useAction.ts";

function AvatarPicker(props: { current: string; onClose(): void }) {
  const { t } = useTranslation();
  const auth = useAuth();
  const toast = useToast();
  const save = useAction(async (avatar: string) => {
    await call(auth.api.main.PATCH("/api/main/me", { body: { avatar } }));
    await auth.reload();
    toast.show(t("student.avatarSaved"));
    props.onClose();
  });
  return (
    <Dialog open onClose={props.onClose} title={t("student.chooseAvatar")}>
      {save.error ? <Alert tone="error">{errorMessage(t, save.error)}</Alert> : null}
      <ul className="grid grid-cols-4 gap-3">
        {Object.entries(AVATARS).map(([key, emoji]) => (
          <li key={key}>
            <button
              type="button"
              aria-label={key}
              aria-pressed={props.current === key}
              disabled={save.pending}
              onClick={() => void save.run(key)}
              className={cx(
                "flex aspect-square w-full items-center justify-center rounded-2xl text-4xl transition-transform active:scale-95",
                props.current === key
                  ? "bg-brand-100 ring-4 ring-brand-500"
                  : "bg-slate-50 hover:bg-brand-50",
              )}
            >
              <span aria-hidden="true">{emoji}</span>
            </button>
          </li>
        ))}
      </ul>
    </Dialog>
  );
}

function LinkParent() {
  const { t } = useTranslation();
  const auth = useAuth();
  const toast = useToast();
  const [code, setCode] = useState("");
  const accept = useAction(async () => {
    const guardian = await call(
      auth.api.main.POST("/api/main/family/invitations/accept", { body: { code: code.trim() } }),
    );
    setCode("");
    toast.show(t("student.linked", { name: guardian.first_name }));
    await auth.reload();
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (code.trim().length >= 8) void accept.run();
  };
  return (
    <Card>
      <CardTitle>
        <span aria-hidden="true">🔗 </span>
        {t("student.linkTitle")}
      </CardTitle>
      <form onSubmit={submit} className="flex flex-col gap-3 sm:flex-row sm:items-end">
        <Field label={t("student.linkCode")} className="flex-1">
          <Input
            value={code}
            onChange={(e) => setCode(e.target.value)}
            autoCapitalize="characters"
            autoComplete="off"
            maxLength={12}
            className="font-mono text-xl tracking-widest"
          />
        </Field>
        <Button type="submit" size="lg" loading={accept.pending} disabled={code.trim().length < 8}>
          {t("student.linkButton")}
        </Button>
      </form>
      {accept.error ? (
        <Alert tone="error" className="mt-3">
          {errorMessage(t, accept.error)}
        </Alert>
      ) : null}
    </Card>
  );
}

/** A child's home: their picture and name, their apps as big tiles, their family. No upsell. */
export default function StudentHome() {
  const { t } = useTranslation();
  const me = useMe();
  const [picking, setPicking] = useState(false);
  const avatar = me.student_profile?.avatar ?? "";
  const guardians = me.family.guardians ?? [];
  return (
    <div className="flex flex-col gap-8">
      <section className="flex flex-col items-center gap-3 rounded-[2rem] bg-sun-100 px-6 py-8 text-center">
        <button
          type="button"
          onClick={() => setPicking(true)}
          className="relative rounded-full transition-transform active:scale-95"
          aria-label={t("student.changeAvatar")}
        >
          <Avatar name={me.user.first_name} avatar={avatar} size="xl" />
          <span
            aria-hidden="true"
            className="absolute right-0 bottom-0 grid size-9 place-items-center rounded-full bg-white text-xl shadow"
          >
            ✏️
          </span>
        </button>
        <h1 className="font-black text-3xl">{t("student.hello", { name: me.user.first_name })}</h1>
      </section>

      <section aria-labelledby="apps-title" className="flex flex-col gap-4">
        <h2 id="apps-title" className="font-extrabold text-2xl">
          {t("student.myApps")}
        </h2>
        <AppTiles size="xl" forChildren />
      </section>

      {guardians.length > 0 ? (
        <Card>
          <CardTitle>
            <span aria-hidden="true">🏠 </span>
            {t("student.family")}
          </CardTitle>
          <ul className="flex flex-wrap gap-4">
            {guardians.map((g) => (
              <li key={g.id} className="flex items-center gap-2 font-bold">
                <Avatar name={g.first_name} />
                {g.first_name}
              </li>
            ))}
          </ul>
        </Card>
      ) : null}
      <LinkParent />
      {picking ? <AvatarPicker current={avatar} onClose={() => setPicking(false)} /> : null}
    </div>
  );
}
