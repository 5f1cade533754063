import { call } from "@alif/api";
import { PreferencesProvider, usePreferences } from "@alif/app/preferences";
import { type AuthContextValue, appOrigin, useAuth } from "@alif/auth";
import { type Language, useAccountLanguage, useTranslation } from "@alif/i18n";
import { Avatar, Button, Dialog, ErrorBoundary, LanguageSwitch, Loading, Shell } from "@alif/ui";
import { Suspense, useState } from "react";
import { Link, Outlet, useLocation } from "react-router";

const ICON_BUTTON =
  "grid size-12 place-items-center rounded-2xl text-2xl ring-1 ring-slate-200 hover:bg-brand-50";

function Brand() {
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
        🔤
      </span>
      <span className="hidden min-[380px]:inline">{t("brand")}</span>
    </Link>
  );
}

function Toggle(props: { label: string; on: boolean; onChange(on: boolean): void; icon: string }) {
  return (
    <label className="flex min-h-14 items-center gap-3 rounded-2xl bg-slate-50 px-4 font-bold text-lg">
      <span aria-hidden="true" className="text-2xl">
        {props.icon}
      </span>
      <span className="flex-1">{props.label}</span>
      <input
        type="checkbox"
        checked={props.on}
        onChange={(e) => props.onChange(e.target.checked)}
        className="size-7 accent-brand-600"
      />
    </label>
  );
}

/** A signed-in child's language goes to the account too, as on main. */
async function saveLanguage(auth: AuthContextValue, language: Language): Promise<void> {
  if (auth.state.status !== "signedIn" || auth.state.me.user.language === language) return;
  try {
    await call(auth.api.main.PATCH("/api/main/me", { body: { language } }));
    await auth.reload();
  } catch {
    // the page has switched already; the account keeps its old language until the next change
  }
}

/** Sound (one tap, in the header), motion and the language: shared with the other children's
 * apps (@alif/app/preferences); a phone's header has no room for all of them. */
function Switches() {
  const { t } = useTranslation();
  const auth = useAuth();
  const { sound, motion, set } = usePreferences();
  const [open, setOpen] = useState(false);
  return (
    <>
      <button
        type="button"
        className={ICON_BUTTON}
        aria-pressed={sound}
        aria-label={t("settings.sound")}
        onClick={() => set({ sound: !sound })}
      >
        <span aria-hidden="true">{sound ? "🔊" : "🔇"}</span>
      </button>
      <button
        type="button"
        className={ICON_BUTTON}
        aria-label={t("settings.title")}
        onClick={() => setOpen(true)}
      >
        <span aria-hidden="true">⚙️</span>
      </button>
      <Dialog open={open} onClose={() => setOpen(false)} title={t("settings.title")}>
        <Toggle
          icon="🔊"
          label={t("settings.sound")}
          on={sound}
          onChange={(on) => set({ sound: on })}
        />
        <Toggle
          icon="✨"
          label={t("settings.motion")}
          on={motion}
          onChange={(on) => set({ motion: on })}
        />
        <div className="flex items-center justify-between gap-3">
          <span className="font-bold">{t("settings.language")}</span>
          <LanguageSwitch onChange={(language) => saveLanguage(auth, language)} />
        </div>
        <Button variant="secondary" onClick={() => setOpen(false)}>
          {t("common:actions.close")}
        </Button>
      </Dialog>
    </>
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

export function Layout() {
  const { pathname } = useLocation();
  const auth = useAuth();
  useAccountLanguage(auth.state.status === "signedIn" ? auth.state.me.user.language : null);
  return (
    <PreferencesProvider>
      <Shell
        brand={<Brand />}
        actions={
          <div className="flex items-center gap-2">
            <Switches />
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
    </PreferencesProvider>
  );
}
