import { useTranslation } from "@alif/i18n";
import { Button, cx } from "@alif/ui";
import { useEffect, useState } from "react";
import { type ExerciseProps, Picture, Speaker, Task } from "./parts.tsx";

const MAX_LETTERS = 30;

/** Hear a word and see its picture, then tap its letters in order (a tile may be used twice). */
export function BuildWord(props: ExerciseProps) {
  const { t } = useTranslation();
  const { exercise, result, say } = props;
  const [built, setBuilt] = useState<string[]>([]);
  useEffect(() => say(exercise.word), [say, exercise.word]);
  const done = result !== null;
  const shown = done && !result.correct ? result.answer : built;
  return (
    <div className="flex flex-col items-center gap-6">
      <Task icon="🧱">{t("task.build_word")}</Task>
      <div className="flex flex-wrap items-center justify-center gap-4">
        <Picture emoji={exercise.emoji} />
        <Speaker onClick={() => say(exercise.word)} label={t("listenWord")} />
      </div>
      <output
        aria-label={t("myWord")}
        className={cx(
          "flex min-h-20 w-full max-w-md flex-wrap items-center justify-center gap-2 rounded-3xl border-4 border-dashed p-2",
          done
            ? result.correct
              ? "border-emerald-500 bg-emerald-50"
              : "border-rose-300 bg-rose-50"
            : "border-brand-200",
        )}
      >
        {shown.map((tile, i) => (
          <span
            // biome-ignore lint/suspicious/noArrayIndexKey: the same letter may stand twice; its place is its identity
            key={i}
            className="rounded-2xl bg-white px-3 py-1 font-black text-4xl shadow-sm"
          >
            {tile}
          </span>
        ))}
      </output>
      <div className="flex flex-wrap justify-center gap-3">
        {exercise.choices.map((tile) => (
          <button
            key={tile}
            type="button"
            disabled={done || props.busy || built.length >= MAX_LETTERS}
            onClick={() => setBuilt([...built, tile])}
            className="min-h-20 min-w-20 rounded-3xl bg-white px-4 font-black text-5xl shadow-sm ring-4 ring-brand-100 hover:ring-brand-300 active:scale-95 disabled:opacity-50"
          >
            {tile}
          </button>
        ))}
      </div>
      {done ? null : (
        <div className="flex gap-3">
          <Button
            variant="secondary"
            size="lg"
            icon="⌫"
            disabled={built.length === 0 || props.busy}
            onClick={() => setBuilt(built.slice(0, -1))}
          >
            {t("undo")}
          </Button>
          <Button
            size="lg"
            icon="✓"
            loading={props.busy}
            disabled={built.length === 0}
            onClick={() => props.onAnswer(built)}
          >
            {t("check")}
          </Button>
        </div>
      )}
    </div>
  );
}
