import { ApiError, call } from "@alif/api";
import { useAuth } from "@alif/auth";
import { errorMessage, foldForComparison, type TFunction, useTranslation } from "@alif/i18n";
import { Alert, Button, Card, Field, Input, linkClass, PinPad } from "@alif/ui";
import { type FormEvent, useEffect, useState } from "react";
import { Link } from "react-router";
import { useAfterLogin } from "../lib/navigation.ts";
import { useAction } from "../lib/useAction.ts";

const LAST_USERNAME = "alif24.child-username";

function lastUsername(): string {
  try {
    return localStorage.getItem(LAST_USERNAME) ?? "";
  } catch {
    return "";
  }
}

const WRONG_PIN = new Set(["invalid_credentials", "wrong_pin"]);

/**
 * A failed PIN in a child's words: "wrong PIN" (never "login or password") with the tries left
 * when the server tells them; a lock (`pin_locked`, with how long to wait) as everywhere.
 */
function pinError(error: unknown, t: TFunction): string {
  if (error instanceof ApiError && WRONG_PIN.has(error.code)) {
    const left = error.details.attempts_left;
    return typeof left === "number"
      ? `${t("child.wrongPin")} ${t("child.attemptsLeft", { count: left })}`
      : t("child.wrongPin");
  }
  return errorMessage(t, error);
}

/** A child signs in with the username and PIN a parent set: big keys, few words. */
export default function ChildLogin() {
  const { t } = useTranslation();
  const auth = useAuth();
  const { go, withNext } = useAfterLogin();
  const [username, setUsername] = useState(lastUsername);
  const [step, setStep] = useState<"username" | "pin">("username");
  const [pin, setPin] = useState("");

  useEffect(() => {
    if (auth.state.status === "signedIn") go();
  }, [auth.state.status, go]);

  const login = useAction(async (value: string) => {
    try {
      const tokens = await call(
        auth.api.main.POST("/api/main/auth/child-login", { body: { username, pin: value } }),
      );
      try {
        localStorage.setItem(LAST_USERNAME, foldForComparison(username));
      } catch {
        // not remembered
      }
      await auth.signIn(tokens);
    } catch (error) {
      setPin("");
      throw error;
    }
  });

  const toPin = (event: FormEvent) => {
    event.preventDefault();
    if (username.trim().length >= 3) {
      login.setError(null);
      setStep("pin");
    }
  };
  const wrongUsername = login.error instanceof ApiError && login.error.code === "validation_error";

  return (
    <div className="mx-auto flex max-w-md flex-col gap-6">
      <h1 className="text-center font-black text-3xl">
        <span aria-hidden="true">👋 </span>
        {step === "pin" ? t("child.hello", { name: username }) : t("child.title")}
      </h1>
      <Card className="flex flex-col gap-6 p-6">
        {login.error ? <Alert tone="error">{pinError(login.error, t)}</Alert> : null}
        {step === "username" || wrongUsername ? (
          <form onSubmit={toPin} className="flex flex-col gap-5" noValidate>
            <Field
              label={<span className="text-xl">{t("child.username")}</span>}
              hint={t("child.usernameHint")}
            >
              <Input
                value={username}
                onChange={(e) => setUsername(e.target.value)}
                autoComplete="username"
                autoCapitalize="none"
                autoCorrect="off"
                spellCheck={false}
                required
                className="min-h-16 text-center font-extrabold text-2xl"
              />
            </Field>
            <Button type="submit" size="xl" block disabled={username.trim().length < 3}>
              {t("child.next")} <span aria-hidden="true">→</span>
            </Button>
          </form>
        ) : (
          <div className="flex flex-col items-center gap-4">
            <p className="font-bold text-xl">{t("child.pin")}</p>
            <PinPad
              value={pin}
              onChange={setPin}
              onSubmit={(value) => void login.run(value)}
              disabled={login.pending}
              invalid={Boolean(login.error)}
              captureKeyboard
            />
            <p className="text-center text-muted text-sm">{t("child.forgotPin")}</p>
            <Button variant="ghost" onClick={() => setStep("username")}>
              {t("child.changeUsername")}
            </Button>
          </div>
        )}
      </Card>
      <Link to={withNext("/login")} className={linkClass("justify-center text-center")}>
        {t("child.adultLogin")}
      </Link>
    </div>
  );
}
