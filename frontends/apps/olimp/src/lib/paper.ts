import type { Response } from "@alif/app/question-input";
import type { Attempt } from "./queries.ts";

/** The server's time when it answered: the deadline less the seconds it said were left. */
export function attemptServerTime(attempt: Attempt): string {
  return new Date(Date.parse(attempt.deadline) - attempt.seconds_left * 1000).toISOString();
}

/** The saved answers as the inputs hold them. */
export function storedAnswers(attempt: Attempt): Map<string, Response> {
  return new Map(
    Object.entries(attempt.answers).map(([questionId, a]) => [
      questionId,
      a.choice != null
        ? { choice: a.choice }
        : a.truth != null
          ? { truth: a.truth }
          : { text: a.text },
    ]),
  );
}

export function isOver(attempt: Attempt): boolean {
  return attempt.submitted_at !== null || attempt.seconds_left <= 0;
}
