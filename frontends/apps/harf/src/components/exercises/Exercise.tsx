import type { Rules } from "../../lib/tracing.ts";
import { BuildWord } from "./BuildWord.tsx";
import { FindInWord } from "./FindInWord.tsx";
import { HearAndTap } from "./HearAndTap.tsx";
import { MatchCase } from "./MatchCase.tsx";
import { MinimalPair } from "./MinimalPair.tsx";
import type { ExerciseProps } from "./parts.tsx";
import { ScriptBridge } from "./ScriptBridge.tsx";
import { Trace } from "./Trace.tsx";

/** The view of an exercise's kind; a new exercise (another id) starts with a fresh view. */
export function Exercise(props: ExerciseProps & { rules: Rules }) {
  switch (props.exercise.kind) {
    case "hear_and_tap":
      return <HearAndTap {...props} />;
    case "find_in_word":
      return <FindInWord {...props} />;
    case "match_case":
      return <MatchCase {...props} />;
    case "build_word":
      return <BuildWord {...props} />;
    case "minimal_pair":
      return <MinimalPair {...props} />;
    case "script_bridge":
      return <ScriptBridge {...props} />;
    case "trace":
      return <Trace {...props} />;
  }
}
