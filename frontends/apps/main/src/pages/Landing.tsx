import { useAuth } from "@alif/auth";
import { useTranslation } from "@alif/i18n";
import { buttonClass, Card } from "@alif/ui";
import { Link } from "react-router";
import { AppTiles } from "../components/AppTiles.tsx";

const WHO = [
  { key: "children", emoji: "🧒" },
  { key: "parents", emoji: "👪" },
  { key: "teachers", emoji: "👩‍🏫" },
  { key: "centres", emoji: "🏫" },
] as const;

export function Landing() {
  const { t } = useTranslation();
  const { state } = useAuth();
  return (
    <div className="flex flex-col gap-12">
      <section className="relative overflow-hidden rounded-[2rem] bg-brand-600 px-6 py-10 text-white sm:px-10 sm:py-14">
        <div
          aria-hidden="true"
          className="pointer-events-none absolute -top-6 -right-4 select-none text-8xl opacity-25 sm:text-9xl"
        >
          ✏️
        </div>
        <h1 className="max-w-xl font-black text-4xl leading-tight tracking-tight sm:text-5xl">
          {t("landing.title")}
        </h1>
        <p className="mt-4 max-w-xl text-brand-50 text-lg">{t("landing.subtitle")}</p>
        <div className="mt-8 flex flex-wrap gap-3">
          {state.status === "signedIn" ? (
            <Link to="/home" className={buttonClass("sun", "lg")}>
              {t("landing.myPage")}
            </Link>
          ) : (
            <>
              <Link to="/register" className={buttonClass("sun", "lg")}>
                {t("landing.start")}
              </Link>
              <Link to="/login" className={buttonClass("secondary", "lg")}>
                {t("landing.login")}
              </Link>
              <Link
                to="/login/child"
                className={buttonClass("ghost", "lg", "text-white hover:bg-white/10")}
              >
                <span aria-hidden="true">🧒</span> {t("landing.childLogin")}
              </Link>
            </>
          )}
        </div>
      </section>

      <section aria-labelledby="apps-title" className="flex flex-col gap-4">
        <h2 id="apps-title" className="font-extrabold text-2xl">
          {t("landing.appsTitle")}
        </h2>
        <AppTiles showDescription />
      </section>

      <section aria-labelledby="who-title" className="flex flex-col gap-4">
        <h2 id="who-title" className="font-extrabold text-2xl">
          {t("landing.whoTitle")}
        </h2>
        <ul className="grid gap-4 sm:grid-cols-2">
          {WHO.map((who) => (
            <li key={who.key}>
              <Card className="flex h-full gap-4">
                <span aria-hidden="true" className="text-4xl">
                  {who.emoji}
                </span>
                <div>
                  <h3 className="font-extrabold text-lg">{t(`landing.who.${who.key}.title`)}</h3>
                  <p className="text-muted">{t(`landing.who.${who.key}.text`)}</p>
                </div>
              </Card>
            </li>
          ))}
        </ul>
      </section>
      <footer className="border-slate-200 border-t pt-6 text-muted text-sm">
        {t("landing.footer")}
      </footer>
    </div>
  );
}
