import { useTranslation } from "@alif/i18n";
import { Choices, type ExerciseProps, Picture, Speaker, Task } from "./parts.tsx";

/** See a word and its picture, tap the letter the word has. */
export function FindInWord(props: ExerciseProps) {
  const { t } = useTranslation();
  const { exercise } = props;
  return (
    <div className="flex flex-col items-center gap-6">
      <Task icon="🔍">{t("task.find_in_word")}</Task>
      <div className="flex flex-wrap items-center justify-center gap-4">
        <Picture emoji={exercise.emoji} />
        <span className="break-all font-black text-4xl tracking-wide sm:text-5xl">
          {exercise.prompt}
        </span>
        <Speaker onClick={() => props.say(exercise.word)} label={t("listenWord")} />
      </div>
      <div className="w-full max-w-sm">
        <Choices {...props} choices={exercise.choices} />
      </div>
    </div>
  );
}
