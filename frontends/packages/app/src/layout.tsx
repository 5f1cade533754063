import { appOrigin, useAuth } from "@alif/auth";
import { useAccountLanguage, useTranslation } from "@alif/i18n";
import { Avatar, ErrorBoundary, LanguageSwitch, Loading, Shell } from "@alif/ui";
import { Suspense } from "react";
import { Link, Outlet, useLocation } from "react-router";

function Brand({ icon }: { icon: string }) {
  const { t } = useTranslation();
  return (
    <Link
      to="/"
      className="inline-flex min-h-12 items-center gap-2 rounded-xl font-black text-brand-700 text-xl"
    >
      <span
        aria-hidden="true"
        className="grid size-10 place-items-center rounded-xl bg-sun-400 text-2xl"
      >
        {icon}
      </span>
      <span>{t("brand")}</span>
    </Link>
  );
}

/** The signed-in user's picture: a link to their page on main. */
function Me() {
  const { t } = useTranslation();
  const auth = useAuth();
  if (auth.state.status !== "signedIn") return null;
  const { me } = auth.state;
  return (
    <a
      href={`${appOrigin("main")}/home`}
      className="inline-flex min-h-12 items-center rounded-full p-0.5 hover:ring-4 hover:ring-brand-100"
      aria-label={t("toMyPage", { name: me.user.first_name })}
    >
      <Avatar name={me.user.first_name} avatar={me.student_profile?.avatar} />
    </a>
  );
}

/**
 * The frame of an app's signed-in and public pages: its brand (the app's icon and its `brand`
 * text), the language switch and my picture, and each page behind an error boundary.
 */
export function AppLayout({ icon }: { icon: string }) {
  const { pathname } = useLocation();
  const auth = useAuth();
  useAccountLanguage(auth.state.status === "signedIn" ? auth.state.me.user.language : null);
  return (
    <Shell
      brand={<Brand icon={icon} />}
      actions={
        <div className="flex items-center gap-2">
          <LanguageSwitch />
          <Me />
        </div>
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
