import { useTranslation } from "@alif/i18n";
import { Choices, type ExerciseProps, Task } from "./parts.tsx";

/** A letter in one Uzbek script: tap it in the other. */
export function ScriptBridge(props: ExerciseProps) {
  const { t } = useTranslation();
  const toCyrillic = props.alphabet.code === "uz-Latn";
  return (
    <div className="flex flex-col items-center gap-6">
      <Task icon="🌉">{t(toCyrillic ? "task.bridgeToCyrillic" : "task.bridgeToLatin")}</Task>
      <span className="font-black text-[8rem] text-brand-700 leading-none">
        {props.exercise.prompt}
      </span>
      <div className="w-full max-w-sm">
        <Choices {...props} choices={props.exercise.choices} />
      </div>
    </div>
  );
}
