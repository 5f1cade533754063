// @vitest-environment node
import { ApiError } from "@alif/api";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { AnswerSaver, type Revised } from "../src/autosave.ts";

type Answer = Revised<{ choice?: string[]; truth?: boolean; text?: string }>;
type Sent = { questionId: string; answer: Answer };

function deferred() {
  let resolve!: () => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<void>((ok, fail) => {
    resolve = ok;
    reject = fail;
  });
  return { promise, resolve, reject };
}

describe("saving answers as they are given", () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it("saves each answer with a higher revision than the one the server has", async () => {
    const sent: Sent[] = [];
    const saver = new AnswerSaver<{ choice?: string[]; truth?: boolean; text?: string }>(async (
      questionId,
      answer,
    ) => {
      sent.push({ questionId, answer });
    }, () => {}, [{ question_id: "q1", revision: 4 }]);
    saver.save("q1", { choice: ["a"] });
    await saver.settled();
    expect(sent).toEqual([{ questionId: "q1", answer: { choice: ["a"], revision: 5 } }]);
    expect(saver.states.get("q1")).toBe("saved");
  });

  it("sends one save per question at a time, and then only the newest answer", async () => {
    const calls: { sent: Sent; done: ReturnType<typeof deferred> }[] = [];
    const saver = new AnswerSaver<{ choice?: string[]; truth?: boolean; text?: string }>(
      (questionId, answer) => {
        const done = deferred();
        calls.push({ sent: { questionId, answer }, done });
        return done.promise;
      },
      () => {},
    );
    saver.save("q1", { text: "1" });
    saver.save("q1", { text: "12" });
    saver.save("q1", { text: "123" });
    expect(calls).toHaveLength(1);
    expect(saver.states.get("q1")).toBe("saving");
    calls[0]?.done.resolve();
    await vi.waitFor(() => expect(calls).toHaveLength(2));
    expect(calls[1]?.sent.answer).toEqual({ text: "123", revision: 3 });
    calls[1]?.done.resolve();
    await saver.settled();
    expect(saver.states.get("q1")).toBe("saved");
  });

  it("retries a save that did not reach the server until it does", async () => {
    let fail = 2;
    const sent: Answer[] = [];
    const saver = new AnswerSaver<{ choice?: string[]; truth?: boolean; text?: string }>(
      async (_questionId, answer) => {
        sent.push(answer);
        if (fail-- > 0) throw ApiError.network(new TypeError("offline"));
      },
      () => {},
    );
    saver.save("q1", { truth: true });
    await vi.waitFor(() => expect(saver.states.get("q1")).toBe("retrying"));
    expect(saver.unsaved).toBe(1);
    await vi.advanceTimersByTimeAsync(1000);
    await vi.advanceTimersByTimeAsync(2000);
    await saver.settled();
    expect(sent).toHaveLength(3);
    expect(saver.states.get("q1")).toBe("saved");
  });

  it("sends at once when the connection is back", async () => {
    let online = false;
    let sent = 0;
    const saver = new AnswerSaver<{ choice?: string[]; truth?: boolean; text?: string }>(
      async () => {
        sent++;
        if (!online) throw ApiError.network(new TypeError("offline"));
      },
      () => {},
    );
    saver.save("q1", { text: "Toshkent" });
    await vi.waitFor(() => expect(saver.states.get("q1")).toBe("retrying"));
    online = true;
    saver.retryAll();
    await saver.settled();
    expect(sent).toBe(2);
    expect(saver.states.get("q1")).toBe("saved");
  });

  it("does not resend an answer the server refused, and says so", async () => {
    let sent = 0;
    const refused = new ApiError(409, "attempt_closed", "closed");
    const saver = new AnswerSaver<{ choice?: string[]; truth?: boolean; text?: string }>(
      async () => {
        sent++;
        throw refused;
      },
      () => {},
    );
    saver.save("q1", { choice: ["a"] });
    await saver.settled();
    await vi.advanceTimersByTimeAsync(20_000);
    expect(sent).toBe(1);
    expect(saver.states.get("q1")).toBe("failed");
    expect(saver.errors.get("q1")).toBe(refused);
  });
});
