import { MyCoins } from "@alif/app/wallet";
import { useAuth, useMe } from "@alif/auth";
import { useTranslation } from "@alif/i18n";
import { buttonClass, cx, linkClass, Page, QueryState } from "@alif/ui";
import { useQuery } from "@tanstack/react-query";
import { Link, Navigate, useParams } from "react-router";
import { Today } from "../components/Today.tsx";
import {
  type AlphabetCode,
  alphabetQuery,
  isAlphabet,
  type LetterStatus,
  progressQuery,
} from "../lib/queries.ts";

const STATUS: Record<LetterStatus | "locked", { badge: string; tone: string }> = {
  not_started: { badge: "", tone: "bg-white ring-slate-200" },
  learning: { badge: "🌱", tone: "bg-sun-100 ring-sun-300" },
  mastered: { badge: "⭐", tone: "bg-emerald-100 ring-emerald-400" },
  locked: { badge: "🔒", tone: "bg-slate-100 ring-slate-200 text-slate-600" },
};

function Grid(props: { code: AlphabetCode }) {
  const { t } = useTranslation();
  const { api } = useAuth();
  const alphabet = useQuery(alphabetQuery(api, props.code));
  const progress = useQuery(progressQuery(api, props.code));
  return (
    <QueryState query={alphabet}>
      {(data) => (
        <ul className="grid grid-cols-3 gap-3 min-[480px]:grid-cols-4 sm:grid-cols-6 lg:grid-cols-8">
          {data.letters.map((letter) => {
            const mine = progress.data?.letters[letter.number - 1];
            const locked = progress.data
              ? letter.number > progress.data.open_letters
              : !letter.free;
            const status = locked ? "locked" : (mine?.status ?? "not_started");
            const look = STATUS[status];
            return (
              <li key={letter.number}>
                <Link
                  to={`/${props.code}/${letter.number}`}
                  aria-label={`${letter.upper} ${letter.lower}: ${t(`status.${status}`)}`}
                  className={cx(
                    "relative flex aspect-square min-h-20 items-center justify-center rounded-3xl font-black text-4xl shadow-sm ring-4 transition hover:-translate-y-0.5",
                    look.tone,
                  )}
                >
                  <span aria-hidden="true">
                    {letter.upper}
                    {letter.upper !== letter.lower ? (
                      <span className="text-[0.8em]">{letter.lower}</span>
                    ) : null}
                  </span>
                  {look.badge ? (
                    <span aria-hidden="true" className="absolute -top-2 -right-2 text-2xl">
                      {look.badge}
                    </span>
                  ) : null}
                </Link>
              </li>
            );
          })}
        </ul>
      )}
    </QueryState>
  );
}

export default function Letters() {
  const { t } = useTranslation();
  const me = useMe();
  const { code } = useParams();
  if (!isAlphabet(code)) return <Navigate to="/" replace />;
  return (
    <Page
      title={t(`alphabet.${code}`)}
      back={
        <Link to="/" className={linkClass()}>
          ← {t("alphabets")}
        </Link>
      }
      actions={me.user.role === "student" ? <MyCoins /> : null}
    >
      <Today />
      <Link to={`/${code}/practise`} className={buttonClass("sun", "xl", "self-center")}>
        <span aria-hidden="true">▶</span> {t("practise")}
      </Link>
      <Grid code={code} />
    </Page>
  );
}
