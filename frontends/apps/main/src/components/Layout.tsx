import { useAuth } from "@alif/auth";
import { useTranslation } from "@alif/i18n";
import { Avatar, buttonClass, LanguageSwitch, Loading, Shell } from "@alif/ui";
import { Suspense } from "react";
import { Link, Outlet } from "react-router";
import { saveLanguage } from "../lib/language.ts";

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
    return (
      <Link to="/login" className={buttonClass("primary", "md", "hidden min-[360px]:inline-flex")}>
        {t("nav.login")}
      </Link>
    );
  }
  const { me } = auth.state;
  return (
    <Link
      to="/home"
      className="inline-flex min-h-12 items-center gap-2 rounded-2xl px-1 font-bold text-ink hover:bg-brand-50"
      aria-label={t("nav.home")}
    >
      <Avatar name={me.user.first_name} avatar={me.student_profile?.avatar} />
    </Link>
  );
}

export function Layout() {
  const auth = useAuth();
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
      <Suspense fallback={<Loading />}>
        <Outlet />
      </Suspense>
    </Shell>
  );
}
