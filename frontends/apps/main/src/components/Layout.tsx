import { useAuth } from "@alif/auth";
import { useAccountLanguage, useTranslation } from "@alif/i18n";
import { buttonClass, ErrorBoundary, LanguageSwitch, Loading, Shell } from "@alif/ui";
import { Suspense, useEffect, useRef } from "react";
import { Link, Outlet, useLocation } from "react-router";
import { saveLanguage } from "../lib/language.ts";
import { AccountMenu } from "./AccountMenu.tsx";

export function Brand() {
  return (
    <Link
      to="/"
      className="inline-flex min-h-12 items-center gap-2 rounded-xl font-black text-2xl text-brand-700"
    >
      <span
        aria-hidden="true"
        className="grid size-10 place-items-center rounded-xl bg-brand-600 text-sun-300"
      >
        A
      </span>
      ALIF24
    </Link>
  );
}

function Account() {
  const { t } = useTranslation();
  const auth = useAuth();
  if (auth.state.status === "loading") return null;
  if (auth.state.status === "signedOut") {
    // On a phone the page itself offers the login; the header keeps room for the language.
    return (
      <span className="hidden sm:block">
        <Link to="/login" className={buttonClass("primary", "md")}>
          {t("nav.login")}
        </Link>
      </span>
    );
  }
  return <AccountMenu me={auth.state.me} />;
}

/** After a page change, keyboard and screen-reader users start at the new page's content. */
function useFocusOnNavigation() {
  const { pathname } = useLocation();
  const first = useRef(true);
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs on every page change
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    document.getElementById("main")?.focus();
  }, [pathname]);
}

export function Layout() {
  const auth = useAuth();
  const { pathname } = useLocation();
  useFocusOnNavigation();
  useAccountLanguage(auth.state.status === "signedIn" ? auth.state.me.user.language : null);
  return (
    <Shell
      brand={<Brand />}
      actions={
        <>
          <LanguageSwitch onChange={(language) => saveLanguage(auth, language)} />
          <Account />
        </>
      }
    >
      <ErrorBoundary key={pathname}>
        <Suspense fallback={<Loading />}>
          <Outlet />
        </Suspense>
      </ErrorBoundary>
    </Shell>
  );
}
