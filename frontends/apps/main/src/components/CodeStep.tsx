import { call, type MainSchema } from "@alif/api";
import { useAuth } from "@alif/auth";
import { errorMessage, useTranslation } from "@alif/i18n";
import { Alert, Button, Field, Input, useToast } from "@alif/ui";
import { type FormEvent, useEffect, useState } from "react";
import { useAction } from "../lib/useAction.ts";

type CodeSent = MainSchema<"CodeSentResponse">;

function useCountdown(seconds: number, restartKey: unknown): number {
  const [left, setLeft] = useState(seconds);
  // biome-ignore lint/correctness/useExhaustiveDependencies: restarts when a new code is sent
  useEffect(() => {
    setLeft(seconds);
    const timer = setInterval(() => setLeft((s) => Math.max(0, s - 1)), 1000);
    return () => clearInterval(timer);
  }, [seconds, restartKey]);
  return left;
}

/**
 * The one-time code of a new account: six digits, a resend after the server's delay, and a
 * verification that signs the user in.
 */
export function CodeStep(props: { sent: CodeSent; onVerified(): void; onBack(): void }) {
  const { t } = useTranslation();
  const auth = useAuth();
  const toast = useToast();
  const [sent, setSent] = useState(props.sent);
  const [code, setCode] = useState("");
  const left = useCountdown(sent.resend_after, sent);

  const verify = useAction(async () => {
    const tokens = await call(
      auth.api.main.POST("/api/main/auth/otp/verify", {
        // The code confirms only the registration it was sent for (another person may have
        // registered the same phone meanwhile).
        body: { identifier: sent.identifier, code, registration_id: sent.registration_id },
      }),
    );
    await auth.signIn(tokens);
    props.onVerified();
  });
  const resend = useAction(async () => {
    const again = await call(
      auth.api.main.POST("/api/main/auth/otp/send", {
        body: {
          identifier: sent.identifier,
          purpose: "register",
          registration_id: sent.registration_id,
        },
      }),
    );
    setSent(again);
    setCode("");
    toast.show(t("code.resent"));
  });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (/^\d{6}$/.test(code)) void verify.run();
  };
  const error = verify.error ?? resend.error;

  return (
    <form onSubmit={submit} className="flex flex-col gap-5" noValidate>
      <p className="text-lg">{t("code.sentTo", { identifier: sent.identifier })}</p>
      {error ? <Alert tone="error">{errorMessage(t, error)}</Alert> : null}
      <Field label={t("code.label")}>
        <Input
          value={code}
          onChange={(e) => setCode(e.target.value.replace(/\D/g, "").slice(0, 6))}
          inputMode="numeric"
          autoComplete="one-time-code"
          pattern="\d{6}"
          maxLength={6}
          required
          autoFocus
          className="text-center font-extrabold text-3xl tracking-[0.5em]"
        />
      </Field>
      <Button type="submit" size="lg" block loading={verify.pending} disabled={code.length !== 6}>
        {t("code.submit")}
      </Button>
      <div className="flex flex-wrap items-center justify-between gap-2">
        <Button variant="ghost" onClick={props.onBack}>
          {t("code.changeIdentifier")}
        </Button>
        <Button
          variant="ghost"
          onClick={() => void resend.run()}
          disabled={left > 0}
          loading={resend.pending}
        >
          {left > 0 ? t("code.resendIn", { seconds: left }) : t("code.resend")}
        </Button>
      </div>
    </form>
  );
}
