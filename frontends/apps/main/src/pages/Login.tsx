import { ApiError, call, type MainSchema } from "@alif/api";
import { useAuth } from "@alif/auth";
import { errorMessage, useTranslation } from "@alif/i18n";
import { fieldError } from "@alif/i18n/forms";
import { Alert, Button, buttonClass, Card, Field, Input, linkClass, Page } from "@alif/ui";
import { type FormEvent, useEffect, useState } from "react";
import { Link } from "react-router";
import { CodeStep } from "../components/CodeStep.tsx";
import { useAfterLogin } from "../lib/navigation.ts";
import { useAction } from "../lib/useAction.ts";

export default function Login() {
  const { t } = useTranslation();
  const auth = useAuth();
  const { go, withNext } = useAfterLogin();
  const [identifier, setIdentifier] = useState("");
  const [password, setPassword] = useState("");
  const [codeSent, setCodeSent] = useState<MainSchema<"CodeSentResponse"> | null>(null);

  // Someone signed in already (another tab, another app) goes straight on.
  useEffect(() => {
    if (auth.state.status === "signedIn" && !codeSent) go();
  }, [auth.state.status, codeSent, go]);

  const login = useAction(async () => {
    const tokens = await call(
      auth.api.main.POST("/api/main/auth/login", { body: { identifier, password } }),
    );
    await auth.signIn(tokens);
  });
  const sendCode = useAction(async () => {
    setCodeSent(
      await call(
        auth.api.main.POST("/api/main/auth/otp/send", {
          body: { identifier, purpose: "register" },
        }),
      ),
    );
  });

  const notVerified =
    login.error instanceof ApiError && login.error.code === "identifier_not_verified";
  const identifierError = fieldError(login.error, "identifier", t);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void login.run();
  };

  if (codeSent) {
    return (
      <Page title={t("code.title")} narrow>
        <Card>
          <CodeStep sent={codeSent} onVerified={go} onBack={() => setCodeSent(null)} />
        </Card>
      </Page>
    );
  }

  return (
    <Page title={t("login.title")} subtitle={t("login.subtitle")} narrow>
      <Card>
        <form onSubmit={submit} className="flex flex-col gap-5" noValidate>
          {notVerified ? (
            <Alert
              tone="warning"
              title={t("login.notVerified")}
              action={
                <Button
                  variant="secondary"
                  onClick={() => void sendCode.run()}
                  loading={sendCode.pending}
                >
                  {t("login.sendCode")}
                </Button>
              }
            />
          ) : login.error && !identifierError ? (
            <Alert tone="error">{errorMessage(t, login.error)}</Alert>
          ) : null}
          {sendCode.error ? <Alert tone="error">{errorMessage(t, sendCode.error)}</Alert> : null}
          <Field
            label={t("login.identifier")}
            hint={t("login.identifierHint")}
            error={identifierError}
          >
            <Input
              value={identifier}
              onChange={(e) => setIdentifier(e.target.value)}
              autoComplete="username"
              inputMode="email"
              required
            />
          </Field>
          <Field label={t("login.password")}>
            <Input
              type="password"
              value={password}
              onChange={(e) => setPassword(e.target.value)}
              autoComplete="current-password"
              required
            />
          </Field>
          <Button
            type="submit"
            size="lg"
            block
            loading={login.pending}
            disabled={!identifier || !password}
          >
            {t("login.submit")}
          </Button>
          <div className="flex flex-wrap justify-between gap-2">
            <Link to="/forgot" className={linkClass()}>
              {t("login.forgot")}
            </Link>
            <span>
              {t("login.noAccount")}{" "}
              <Link to="/register" className={linkClass()}>
                {t("login.register")}
              </Link>
            </span>
          </div>
        </form>
      </Card>
      <Card className="flex flex-col items-center gap-3 bg-sun-100 text-center ring-sun-300">
        <p className="font-extrabold text-xl">
          <span aria-hidden="true">🧒 </span>
          {t("login.childTitle")}
        </p>
        <Link to={withNext("/login/child")} className={buttonClass("sun", "lg", "w-full")}>
          {t("login.childButton")}
        </Link>
      </Card>
    </Page>
  );
}
