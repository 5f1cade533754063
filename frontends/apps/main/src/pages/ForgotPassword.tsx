import { call } from "@alif/api";
import { useAuth } from "@alif/auth";
import { errorMessage, useTranslation } from "@alif/i18n";
import { fieldError } from "@alif/i18n/forms";
import { Alert, Button, Card, Field, Input, Page, useToast } from "@alif/ui";
import { type FormEvent, useState } from "react";
import { useNavigate } from "react-router";
import { useAction } from "../lib/useAction.ts";

export default function ForgotPassword() {
  const { t } = useTranslation();
  const auth = useAuth();
  const toast = useToast();
  const navigate = useNavigate();
  const [identifier, setIdentifier] = useState("");
  const [sentTo, setSentTo] = useState<string | null>(null);
  const [code, setCode] = useState("");
  const [password, setPassword] = useState("");
  const [repeat, setRepeat] = useState("");
  const [mismatch, setMismatch] = useState(false);

  const send = useAction(async () => {
    const sent = await call(
      auth.api.main.POST("/api/main/auth/otp/send", {
        body: { identifier, purpose: "password_reset" },
      }),
    );
    setSentTo(sent.identifier);
  });
  const reset = useAction(async () => {
    if (!sentTo) return;
    await call(
      auth.api.main.POST("/api/main/auth/password/reset", {
        body: { identifier: sentTo, code, new_password: password },
      }),
    );
    toast.show(t("forgot.done"));
    navigate("/login", { replace: true });
  });

  const requestCode = (event: FormEvent) => {
    event.preventDefault();
    void send.run();
  };
  const save = (event: FormEvent) => {
    event.preventDefault();
    setMismatch(password !== repeat);
    if (password === repeat) void reset.run();
  };

  return (
    <Page title={t("forgot.title")} subtitle={sentTo ? undefined : t("forgot.subtitle")} narrow>
      <Card>
        {sentTo === null ? (
          <form onSubmit={requestCode} className="flex flex-col gap-5" noValidate>
            {send.error && !fieldError(send.error, "identifier", t) ? (
              <Alert tone="error">{errorMessage(t, send.error)}</Alert>
            ) : null}
            <Field
              label={t("login.identifier")}
              hint={t("login.identifierHint")}
              error={fieldError(send.error, "identifier", t)}
            >
              <Input
                value={identifier}
                onChange={(e) => setIdentifier(e.target.value)}
                autoComplete="username"
                inputMode="email"
                required
              />
            </Field>
            <Button
              type="submit"
              size="lg"
              block
              loading={send.pending}
              disabled={!identifier.trim()}
            >
              {t("forgot.send")}
            </Button>
          </form>
        ) : (
          <form onSubmit={save} className="flex flex-col gap-5" noValidate>
            <p className="text-lg">{t("code.sentTo", { identifier: sentTo })}</p>
            {reset.error && !fieldError(reset.error, "new_password", t) ? (
              <Alert tone="error">{errorMessage(t, reset.error)}</Alert>
            ) : null}
            <Field label={t("code.label")}>
              <Input
                value={code}
                onChange={(e) => setCode(e.target.value.replace(/\D/g, "").slice(0, 6))}
                inputMode="numeric"
                autoComplete="one-time-code"
                maxLength={6}
                required
                className="text-center font-extrabold text-2xl tracking-[0.4em]"
              />
            </Field>
            <Field
              label={t("forgot.newPassword")}
              hint={t("register.passwordHint")}
              error={fieldError(reset.error, "new_password", t) ? t("fields.password") : undefined}
            >
              <Input
                type="password"
                value={password}
                onChange={(e) => setPassword(e.target.value)}
                autoComplete="new-password"
                minLength={8}
                required
              />
            </Field>
            <Field label={t("forgot.repeat")} error={mismatch ? t("forgot.mismatch") : undefined}>
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
              size="lg"
              block
              loading={reset.pending}
              disabled={code.length !== 6 || password.length < 8 || !repeat}
            >
              {t("forgot.submit")}
            </Button>
            <Button variant="ghost" onClick={() => setSentTo(null)}>
              {t("code.changeIdentifier")}
            </Button>
          </form>
        )}
      </Card>
    </Page>
  );
}
