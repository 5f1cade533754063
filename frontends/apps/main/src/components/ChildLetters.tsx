import { type Api, call, type HarfComponents } from "@alif/api";
import { useAuth } from "@alif/auth";
import { useTranslation } from "@alif/i18n";
import { Card, CardTitle, cx } from "@alif/ui";
import { queryOptions, useQueries } from "@tanstack/react-query";

type Progress = HarfComponents["schemas"]["ProgressRead"];
type Code = HarfComponents["schemas"]["AlphabetCode"];

const ALPHABETS: Code[] = ["uz-Latn", "uz-Cyrl", "ru", "en"];
const TONE = {
  mastered: "bg-emerald-100 text-emerald-900 ring-emerald-400",
  learning: "bg-sun-100 text-amber-900 ring-sun-400",
  not_started: "bg-white text-slate-600 ring-slate-200",
} as const;

const childLettersQuery = (api: Api, childId: string, code: Code) =>
  queryOptions({
    queryKey: ["harf", "child", childId, code],
    queryFn: () =>
      call(
        api.harf.GET("/api/harf/children/{child_id}/alphabets/{code}/progress", {
          params: { path: { child_id: childId, code } },
        }),
      ),
  });

function Alphabet(props: { progress: Progress }) {
  const { t } = useTranslation();
  const { progress } = props;
  return (
    <li className="flex flex-col gap-2">
      <p className="font-bold">
        {t(`childLetters.alphabet.${progress.alphabet}`)}:{" "}
        <span className="font-normal text-muted">
          {t("childLetters.counts", {
            mastered: progress.mastered,
            learning: progress.learning,
            notStarted: progress.not_started,
          })}
        </span>
      </p>
      <ul className="flex flex-wrap gap-1.5">
        {progress.letters.map((letter) => (
          <li
            key={letter.letter}
            title={t(`childLetters.status.${letter.status}`)}
            className={cx(
              "grid min-h-9 min-w-9 place-items-center rounded-lg px-1 font-extrabold ring-2",
              TONE[letter.status],
            )}
          >
            <span aria-hidden="true">{letter.upper}</span>
            <span className="sr-only">
              {letter.upper}: {t(`childLetters.status.${letter.status}`)}
            </span>
          </li>
        ))}
      </ul>
    </li>
  );
}

/** A parent's view of a child's letters on harf: each alphabet the child has begun, letter by
 * letter (mastered, learning, not started). Nothing when harf cannot be reached. */
export function ChildLetters(props: { childId: string; name: string }) {
  const { t } = useTranslation();
  const { api } = useAuth();
  const results = useQueries({
    queries: ALPHABETS.map((code) => childLettersQuery(api, props.childId, code)),
  });
  if (results.some((result) => result.isPending) || results.every((r) => r.isError)) return null;
  const begun = results.flatMap((result) =>
    result.data && result.data.mastered + result.data.learning > 0 ? [result.data] : [],
  );
  return (
    <Card>
      <CardTitle>{t("childLetters.title", { name: props.name })}</CardTitle>
      {begun.length === 0 ? (
        <p className="text-muted">{t("childLetters.none")}</p>
      ) : (
        <ul className="flex flex-col gap-4">
          {begun.map((progress) => (
            <Alphabet key={progress.alphabet} progress={progress} />
          ))}
        </ul>
      )}
    </Card>
  );
}
