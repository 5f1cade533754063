import { useTranslation } from "@alif/i18n";
import { Choices, type ExerciseProps, Task } from "./parts.tsx";

/** See the capital, tap its small letter. */
export function MatchCase(props: ExerciseProps) {
  const { t } = useTranslation();
  return (
    <div className="flex flex-col items-center gap-6">
      <Task icon="🔡">{t("task.match_case")}</Task>
      <span className="font-black text-[8rem] text-brand-700 leading-none">
        {props.exercise.prompt}
      </span>
      <div className="w-full max-w-sm">
        <Choices {...props} choices={props.exercise.choices} />
      </div>
    </div>
  );
}
