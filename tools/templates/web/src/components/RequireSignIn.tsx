import { loginUrl, redirectToLogin, useAuth } from "@alif/auth";
import { useTranslation } from "@alif/i18n";
import { Alert, Button, buttonClass, Loading } from "@alif/ui";
import { useEffect, useState } from "react";
import { Outlet } from "react-router";

/**
 * The pages are for signed-in users: anyone else goes to main's login and comes back to the same
 * page. A tab that keeps bouncing explains instead.
 */
export function RequireSignIn() {
  const { t } = useTranslation();
  const auth = useAuth();
  const [looping, setLooping] = useState(false);
  const signedOut = auth.state.status === "signedOut" && !auth.error;

  useEffect(() => {
    if (signedOut && !redirectToLogin()) setLooping(true);
  }, [signedOut]);

  if (auth.state.status === "signedIn") return <Outlet />;
  if (auth.state.status === "signedOut" && auth.error) {
    // Not "signed out" but "could not tell" (offline, server down): say so, offer a retry.
    return (
      <Alert
        tone="error"
        title={t("restoreFailed")}
        action={
          <Button onClick={() => window.location.reload()}>{t("common:actions.retry")}</Button>
        }
      />
    );
  }
  if (looping) {
    return (
      <Alert
        tone="warning"
        title={t("loginLoop")}
        action={
          <a href={loginUrl(window.location.href)} className={buttonClass("primary", "lg")}>
            {t("signIn")}
          </a>
        }
      />
    );
  }
  return <Loading />;
}
