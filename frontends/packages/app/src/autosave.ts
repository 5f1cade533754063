import { ApiError } from "@alif/api";

export type SaveState = "saving" | "saved" | "retrying" | "failed";
/** An answer as sent: what was given, and its revision (1, 2, ... per question on this page). */
export type Revised<A> = A & { revision: number };
type Send<A> = (questionId: string, answer: Revised<A>) => Promise<void>;

/** Waits between retries of a save that did not reach the server (the last one repeats). */
export const RETRY_DELAYS = [1000, 2000, 5000, 10000];

/** Answers the server refused for good (a 4xx that is not about timing) are not sent again. */
function isFinal(error: unknown): boolean {
  return (
    error instanceof ApiError &&
    error.status >= 400 &&
    error.status < 500 &&
    error.status !== 408 &&
    error.status !== 429
  );
}

/**
 * Saves each answer as it is given (a testai test, an olimp paper): one request per question at a time, the newest answer wins
 * (each save carries a higher revision, so an old save the network delivered late is ignored by
 * the server), and a save that did not arrive is retried until it does, sooner when the browser
 * says the connection is back.
 */
export class AnswerSaver<A extends object> {
  private readonly latest = new Map<string, Revised<A>>();
  private readonly sending = new Set<string>();
  private readonly failures = new Map<string, number>();
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly revisions = new Map<string, number>();
  readonly states = new Map<string, SaveState>();
  readonly errors = new Map<string, unknown>();
  private idle: (() => void)[] = [];

  constructor(
    private readonly send: Send<A>,
    private readonly onChange: () => void,
    stored: { question_id: string; revision: number }[] = [],
  ) {
    for (const answer of stored) {
      this.revisions.set(answer.question_id, answer.revision);
      this.states.set(answer.question_id, "saved");
    }
  }

  save(questionId: string, answer: A): void {
    const revision = (this.revisions.get(questionId) ?? 0) + 1;
    this.revisions.set(questionId, revision);
    this.latest.set(questionId, { ...answer, revision });
    this.failures.delete(questionId);
    this.errors.delete(questionId);
    this.flush(questionId);
  }

  /** Sends every waiting answer now (the connection came back). */
  retryAll(): void {
    for (const questionId of this.latest.keys()) {
      const timer = this.timers.get(questionId);
      if (timer) clearTimeout(timer);
      this.timers.delete(questionId);
      this.flush(questionId);
    }
  }

  /** Answers not yet on the server (waiting, being sent or being retried). */
  get unsaved(): number {
    return this.latest.size + [...this.sending].filter((q) => !this.latest.has(q)).length;
  }

  /** Resolves once every answer is on the server or refused for good. */
  settled(): Promise<void> {
    if (this.unsaved === 0) return Promise.resolve();
    return new Promise((resolve) => this.idle.push(resolve));
  }

  dispose(): void {
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
  }

  private set(questionId: string, state: SaveState): void {
    this.states.set(questionId, state);
    this.onChange();
    if (this.unsaved === 0) {
      const waiting = this.idle;
      this.idle = [];
      for (const resolve of waiting) resolve();
    }
  }

  private flush(questionId: string): void {
    if (this.sending.has(questionId) || this.timers.has(questionId)) return;
    const answer = this.latest.get(questionId);
    if (!answer) return;
    this.latest.delete(questionId);
    this.sending.add(questionId);
    this.set(questionId, "saving");
    this.send(questionId, answer).then(
      () => {
        this.sending.delete(questionId);
        this.failures.delete(questionId);
        if (this.latest.has(questionId)) this.flush(questionId);
        else this.set(questionId, "saved");
      },
      (error: unknown) => {
        this.sending.delete(questionId);
        if (isFinal(error)) {
          this.errors.set(questionId, error);
          if (this.latest.has(questionId)) this.flush(questionId);
          else this.set(questionId, "failed");
          return;
        }
        // A newer answer may have arrived meanwhile; it replaces the one that failed.
        if (!this.latest.has(questionId)) this.latest.set(questionId, answer);
        const failures = (this.failures.get(questionId) ?? 0) + 1;
        this.failures.set(questionId, failures);
        const delay = RETRY_DELAYS[Math.min(failures, RETRY_DELAYS.length) - 1] ?? 10000;
        this.timers.set(
          questionId,
          setTimeout(() => {
            this.timers.delete(questionId);
            this.flush(questionId);
          }, delay),
        );
        this.set(questionId, "retrying");
      },
    );
  }
}
