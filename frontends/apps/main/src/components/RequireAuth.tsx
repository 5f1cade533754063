import { type Me, useAuth } from "@alif/auth";
import { useTranslation } from "@alif/i18n";
import { Alert, Button, Loading } from "@alif/ui";
import { Navigate, Outlet, useLocation } from "react-router";

/** Pages for signed-in users: others go to the login and come back here afterwards. */
export function RequireAuth() {
  const { t } = useTranslation();
  const auth = useAuth();
  const location = useLocation();
  if (auth.state.status === "loading") return <Loading />;
  if (auth.state.status === "signedOut") {
    if (auth.error) {
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
    if (auth.state.loggedOut) return <Navigate to="/" replace />;
    const next = `${location.pathname}${location.search}${location.hash}`;
    return <Navigate to={`/login?next=${encodeURIComponent(next)}`} replace />;
  }
  return <Outlet />;
}

/** Pages for some roles only; anyone else lands on their own home. */
export function RequireRole(props: { roles: Me["user"]["role"][] }) {
  const auth = useAuth();
  if (auth.state.status !== "signedIn") return null;
  if (!props.roles.includes(auth.state.me.user.role)) return <Navigate to="/home" replace />;
  return <Outlet />;
}
