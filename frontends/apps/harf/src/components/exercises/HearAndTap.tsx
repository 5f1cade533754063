import { useTranslation } from "@alif/i18n";
import { useEffect } from "react";
import { Choices, type ExerciseProps, Speaker, Task } from "./parts.tsx";

/** Hear the letter's sound, tap the letter. */
export function HearAndTap(props: ExerciseProps) {
  const { t } = useTranslation();
  const { say } = props;
  useEffect(() => say(null, "sound"), [say]);
  return (
    <div className="flex flex-col items-center gap-6">
      <Task icon="👂">{t("task.hear_and_tap")}</Task>
      <Speaker size="xl" onClick={() => say(null, "sound")} />
      <div className="w-full max-w-sm">
        <Choices {...props} choices={props.exercise.choices} />
      </div>
    </div>
  );
}
