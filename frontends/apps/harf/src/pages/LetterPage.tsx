import { useAuth } from "@alif/auth";
import { useTranslation } from "@alif/i18n";
import { buttonClass, cx, linkClass, Page, QueryState } from "@alif/ui";
import { useQuery } from "@tanstack/react-query";
import { Link, Navigate, useParams } from "react-router";
import { useSay } from "../lib/audio.ts";
import {
  type Alphabet,
  alphabetQuery,
  highlight,
  isAlphabet,
  type Language,
  progressQuery,
} from "../lib/queries.ts";

function Locked() {
  const { t } = useTranslation();
  return (
    <p className="flex items-center gap-3 rounded-3xl bg-slate-100 p-5 font-bold text-lg">
      <span aria-hidden="true" className="text-4xl">
        🔒
      </span>
      {t("askParent")}
    </p>
  );
}

function LetterView(props: { alphabet: Alphabet; number: number }) {
  const { t, i18n } = useTranslation();
  const { api } = useAuth();
  const say = useSay();
  const { alphabet, number } = props;
  const progress = useQuery(progressQuery(api, alphabet.code));
  const letter = alphabet.letters[number - 1];
  if (!letter) return <Navigate to={`/${alphabet.code}`} replace />;
  const locked = progress.data ? number > progress.data.open_letters : !letter.free;
  const language = i18n.language as Language;
  return (
    <Page
      title={t("letterTitle", { upper: letter.upper, lower: letter.lower })}
      back={
        <Link to={`/${alphabet.code}`} className={linkClass()}>
          ← {t(`alphabet.${alphabet.code}`)}
        </Link>
      }
    >
      <div className="flex flex-col items-center gap-4">
        {/* The big letter says how it sounds; the name is a separate, smaller button. */}
        <button
          type="button"
          disabled={locked}
          onClick={() => void say({ alphabet, number, as: "sound" })}
          aria-label={t("sayLetter", { letter: letter.upper })}
          className="flex items-center justify-center gap-6 rounded-[2.5rem] bg-white px-10 py-6 shadow-sm ring-4 ring-brand-100 hover:ring-brand-300 active:scale-[0.98] disabled:cursor-default"
        >
          <span aria-hidden="true" className="font-black text-[9rem] text-brand-700 leading-none">
            {letter.upper}
          </span>
          {letter.upper !== letter.lower ? (
            <span aria-hidden="true" className="font-black text-[7rem] text-sun-500 leading-none">
              {letter.lower}
            </span>
          ) : null}
          {locked ? null : (
            <span aria-hidden="true" className="text-5xl">
              🔊
            </span>
          )}
        </button>
        {locked ? null : (
          <button
            type="button"
            onClick={() => void say({ alphabet, number, as: "name" })}
            aria-label={t("sayName", { letter: letter.upper, name: letter.name })}
            className="flex min-h-14 items-center gap-3 rounded-full bg-white px-6 py-2 font-black text-3xl shadow-sm ring-4 ring-violet-100 hover:ring-violet-300 active:scale-[0.98]"
          >
            <span aria-hidden="true">🗣️</span>
            <span aria-hidden="true">{letter.name}</span>
          </button>
        )}
      </div>
      {locked ? <Locked /> : null}
      <ul className="grid gap-4 sm:grid-cols-3">
        {letter.words.map((word, i) => (
          <li key={word.text}>
            <button
              type="button"
              disabled={locked}
              onClick={() => void say({ alphabet, number, word: i + 1 })}
              aria-label={t("sayWord", { word: word.text })}
              className="flex min-h-32 w-full items-center gap-4 rounded-3xl bg-white p-4 text-left shadow-sm ring-4 ring-sky-100 hover:ring-sky-300 disabled:cursor-default"
            >
              <span aria-hidden="true" className="text-7xl leading-none">
                {word.emoji}
              </span>
              <span className="flex flex-col">
                <span className="font-black text-3xl tracking-wide">
                  {highlight(word.text, letter).map((part, j) => (
                    <span
                      // biome-ignore lint/suspicious/noArrayIndexKey: the parts of one word never move
                      key={j}
                      className={cx(part.mark && "text-rose-600 underline decoration-4")}
                    >
                      {part.text}
                    </span>
                  ))}
                </span>
                {word.translations[language] ? (
                  <span className="text-lg text-muted">{word.translations[language]}</span>
                ) : null}
              </span>
            </button>
          </li>
        ))}
      </ul>
      {locked ? null : (
        <div className="flex flex-wrap justify-center gap-4">
          <Link
            to={`/${alphabet.code}/practise?letter=${number}`}
            className={buttonClass("sun", "xl")}
          >
            <span aria-hidden="true">▶</span> {t("practiseLetter")}
          </Link>
          <Link
            to={`/${alphabet.code}/practise?letter=${number}&kind=trace`}
            className={buttonClass("secondary", "xl")}
          >
            <span aria-hidden="true">✏️</span> {t("traceLetter")}
          </Link>
        </div>
      )}
      <nav aria-label={t("otherLetters")} className="flex justify-between">
        {number > 1 ? (
          <Link to={`/${alphabet.code}/${number - 1}`} className={buttonClass("ghost", "lg")}>
            ← {alphabet.letters[number - 2]?.upper}
          </Link>
        ) : (
          <span />
        )}
        {number < alphabet.letters.length ? (
          <Link to={`/${alphabet.code}/${number + 1}`} className={buttonClass("ghost", "lg")}>
            {alphabet.letters[number]?.upper} →
          </Link>
        ) : null}
      </nav>
    </Page>
  );
}

export default function LetterPage() {
  const { code, number } = useParams();
  const { api } = useAuth();
  const valid = isAlphabet(code);
  const alphabet = useQuery({ ...alphabetQuery(api, valid ? code : "uz-Latn"), enabled: valid });
  if (!valid) return <Navigate to="/" replace />;
  return (
    <QueryState query={alphabet}>
      {(data) => <LetterView alphabet={data} number={Number(number)} />}
    </QueryState>
  );
}
