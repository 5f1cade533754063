import { useTranslation } from "@alif/i18n";
import { Choices, type ExerciseProps, Picture, Speaker, Task } from "./parts.tsx";

/** A word with its letter hidden: choose between it and the letter children confuse it with. */
export function MinimalPair(props: ExerciseProps) {
  const { t } = useTranslation();
  const { exercise } = props;
  const [before = "", after = ""] = exercise.prompt.split("_");
  return (
    <div className="flex flex-col items-center gap-6">
      <Task icon="🧩">{t("task.minimal_pair")}</Task>
      <div className="flex flex-wrap items-center justify-center gap-4">
        <Picture emoji={exercise.emoji} />
        <Speaker onClick={() => props.say(exercise.word)} label={t("listenWord")} />
      </div>
      <p className="break-all text-center font-black text-4xl tracking-wide sm:text-5xl">
        <span className="sr-only">{exercise.prompt.replace("_", "…")}</span>
        <span aria-hidden="true">{before}</span>
        <span
          aria-hidden="true"
          className="mx-1 inline-block min-w-12 rounded-xl border-4 border-sun-400 border-dashed text-center text-sun-500"
        >
          ?
        </span>
        <span aria-hidden="true">{after}</span>
      </p>
      <div className="w-full max-w-sm">
        <Choices {...props} choices={exercise.choices} />
      </div>
    </div>
  );
}
