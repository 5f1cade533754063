import { afterLogin } from "@alif/auth";
import { useCallback } from "react";
import { useNavigate, useSearchParams } from "react-router";

/** After a login: back to where the user came from (an ALIF24 app only), or to their home. */
export function useAfterLogin() {
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const next = params.get("next");
  const go = useCallback(() => {
    const target = afterLogin(next, "/home");
    if ("href" in target) window.location.assign(target.href);
    else navigate(target.path, { replace: true });
  }, [navigate, next]);
  /** Keeps `?next=` on links between the login pages. */
  const withNext = (path: string) => (next ? `${path}?next=${encodeURIComponent(next)}` : path);
  return { go, withNext };
}
