import { useTranslation } from "@alif/i18n";
import { cx } from "@alif/ui";
import { type ReactNode, useState } from "react";
import type { Saying } from "../../lib/audio.ts";
import type { Alphabet, AnswerResult, Exercise } from "../../lib/queries.ts";
import type { Stroke } from "../../lib/tracing.ts";

/** What every exercise view is given by the practice page. */
export interface ExerciseProps {
  exercise: Exercise;
  alphabet: Alphabet;
  /** The server's verdict, once answered: the view shows the right choice. */
  result: AnswerResult | null;
  busy: boolean;
  onAnswer(answer: string[]): void;
  onTrace(strokes: Stroke[]): void;
  /** Says the letter (by name, or `"sound"`) or, given `word`, that example word. */
  say(word?: number | null, as?: Saying): void;
}

/** The task, with a picture a child who cannot read yet understands. */
export function Task(props: { icon: string; children: ReactNode }) {
  return (
    <h2 className="flex items-center justify-center gap-3 text-center font-extrabold text-2xl text-ink">
      <span aria-hidden="true" className="text-4xl">
        {props.icon}
      </span>
      <span>{props.children}</span>
    </h2>
  );
}

/** A big round speaker button. */
export function Speaker(props: { onClick(): void; label?: string; size?: "lg" | "xl" }) {
  const { t } = useTranslation();
  return (
    <button
      type="button"
      onClick={props.onClick}
      aria-label={props.label ?? t("listen")}
      className={cx(
        "grid shrink-0 place-items-center rounded-full bg-sun-300 shadow-sm ring-4 ring-sun-100 hover:bg-sun-400 active:bg-sun-500",
        props.size === "xl" ? "size-28 text-6xl" : "size-16 text-3xl",
      )}
    >
      <span aria-hidden="true">🔊</span>
    </button>
  );
}

/** A picture (emoji) as big as a child's hand. */
export function Picture(props: { emoji: string | null | undefined }) {
  if (!props.emoji) return null;
  return (
    <span aria-hidden="true" className="text-8xl leading-none">
      {props.emoji}
    </span>
  );
}

/** Big letter buttons; once answered, the right one turns green and a wrong pick red. */
export function Choices(props: {
  choices: string[];
  result: AnswerResult | null;
  busy: boolean;
  onAnswer(answer: string[]): void;
}) {
  const [chosen, setChosen] = useState<string | null>(null);
  const right = props.result?.answer[0];
  return (
    <div className="grid grid-cols-2 gap-4">
      {props.choices.map((choice) => {
        const isRight = props.result !== null && choice === right;
        const isWrong = props.result !== null && choice === chosen && !props.result.correct;
        return (
          <button
            key={choice}
            type="button"
            disabled={props.busy || props.result !== null}
            aria-pressed={chosen === choice}
            onClick={() => {
              setChosen(choice);
              props.onAnswer([choice]);
            }}
            className={cx(
              "min-h-28 rounded-3xl font-black text-6xl text-ink shadow-sm ring-4 transition active:scale-95 disabled:cursor-default",
              isRight
                ? "bg-emerald-100 ring-emerald-500"
                : isWrong
                  ? "bg-rose-100 ring-rose-400 motion-safe:animate-shake"
                  : "bg-white ring-brand-100 hover:ring-brand-300",
              props.result !== null && !isRight && !isWrong && "opacity-50",
            )}
          >
            {choice}
            {isRight ? <span className="sr-only"> ✓</span> : null}
          </button>
        );
      })}
    </div>
  );
}
