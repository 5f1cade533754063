import { MyCoins } from "@alif/app/wallet";
import { useAuth, useMe } from "@alif/auth";
import { useTranslation } from "@alif/i18n";
import { Page } from "@alif/ui";
import { useQuery } from "@tanstack/react-query";
import { Link } from "react-router";
import { Today } from "../components/Today.tsx";
import { ALPHABETS, type AlphabetCode, progressQuery } from "../lib/queries.ts";

const LOOK: Record<AlphabetCode, { flag: string; sample: string; tone: string }> = {
  "uz-Latn": { flag: "🇺🇿", sample: "Aa Bb", tone: "bg-sky-100 ring-sky-300" },
  "uz-Cyrl": { flag: "🇺🇿", sample: "Аа Бб", tone: "bg-emerald-100 ring-emerald-300" },
  ru: { flag: "🇷🇺", sample: "Аа Яя", tone: "bg-rose-100 ring-rose-300" },
  en: { flag: "🇬🇧", sample: "Aa Zz", tone: "bg-amber-100 ring-amber-300" },
};

function AlphabetCard(props: { code: AlphabetCode }) {
  const { t } = useTranslation();
  const { api } = useAuth();
  const progress = useQuery(progressQuery(api, props.code));
  const look = LOOK[props.code];
  return (
    <li>
      <Link
        to={`/${props.code}`}
        className={`flex min-h-36 items-center gap-4 rounded-3xl p-5 shadow-sm ring-4 transition hover:-translate-y-0.5 ${look.tone}`}
      >
        <span aria-hidden="true" className="font-black text-5xl text-ink">
          {look.sample}
        </span>
        <span className="flex flex-1 flex-col gap-1">
          <span className="font-extrabold text-2xl text-ink">
            <span aria-hidden="true">{look.flag} </span>
            {t(`alphabet.${props.code}`)}
          </span>
          {progress.data ? (
            <span className="font-bold text-ink/80 text-lg">
              <span aria-hidden="true">⭐ </span>
              {t("mastered", {
                count: progress.data.mastered,
                total: progress.data.letters.length,
              })}
            </span>
          ) : null}
        </span>
      </Link>
    </li>
  );
}

export default function Alphabets() {
  const { t } = useTranslation();
  const me = useMe();
  return (
    <Page
      title={t("choose", { name: me.user.first_name })}
      actions={me.user.role === "student" ? <MyCoins /> : null}
    >
      <Today />
      <ul className="grid gap-4 sm:grid-cols-2">
        {ALPHABETS.map((code) => (
          <AlphabetCard key={code} code={code} />
        ))}
      </ul>
    </Page>
  );
}
