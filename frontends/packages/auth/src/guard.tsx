import { useTranslation } from "@alif/i18n";
import { Alert, Button, buttonClass, Loading } from "@alif/ui";
import { useEffect, useState } from "react";
import { Navigate, Outlet, useLocation } from "react-router";
import { loginUrl, redirectToLogin } from "./login-redirect.ts";
import { type Me, useAuth } from "./react.tsx";

/**
 * Pages for signed-in users. Anyone else goes to main's login (`loginPath`: `/login/child` for the
 * children's apps) and comes back to the same page. On main itself (`onMain`) the login is a page
 * of this router and a user who chose to log out goes to the landing page instead. A tab that keeps
 * bouncing to the login explains instead; a session that could not be checked (offline) says so.
 */
export function RequireSignIn(props: { loginPath?: string; onMain?: boolean }) {
  const { t } = useTranslation();
  const auth = useAuth();
  const location = useLocation();
  const [looping, setLooping] = useState(false);
  const path = props.loginPath ?? "/login";
  const signedOut = auth.state.status === "signedOut" && !auth.error;
  const leaveForMain = signedOut && !props.onMain;

  useEffect(() => {
    if (leaveForMain && !redirectToLogin({ path })) setLooping(true);
  }, [leaveForMain, path]);

  if (auth.state.status === "signedIn") return <Outlet />;
  if (auth.state.status === "signedOut" && auth.error) {
    // Not "signed out" but "could not tell" (offline, server down): say so, offer a retry.
    return (
      <Alert
        tone="error"
        title={t("common:auth.restoreFailed")}
        action={
          <Button onClick={() => window.location.reload()}>{t("common:actions.retry")}</Button>
        }
      />
    );
  }
  if (auth.state.status === "signedOut" && props.onMain) {
    if (auth.state.loggedOut) return <Navigate to="/" replace />;
    const next = `${location.pathname}${location.search}${location.hash}`;
    return <Navigate to={`${path}?next=${encodeURIComponent(next)}`} replace />;
  }
  if (looping) {
    return (
      <Alert
        tone="warning"
        title={t("common:auth.loginLoop")}
        action={
          <a
            href={loginUrl(window.location.href, { path })}
            className={buttonClass("primary", "lg")}
          >
            {t("common:auth.signIn")}
          </a>
        }
      />
    );
  }
  return <Loading />;
}

/** Pages for some roles only; anyone else lands on `fallback` (their own home). */
export function RequireRole(props: { roles: Me["user"]["role"][]; fallback?: string }) {
  const auth = useAuth();
  if (auth.state.status !== "signedIn") return null;
  if (!props.roles.includes(auth.state.me.user.role)) {
    return <Navigate to={props.fallback ?? "/home"} replace />;
  }
  return <Outlet />;
}
