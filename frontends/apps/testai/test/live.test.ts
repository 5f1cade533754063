import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { QuestionOpen, ServerMessage } from "../src/live/protocol.ts";
import { LiveSocket, liveUrl } from "../src/live/socket.ts";
import { INITIAL, reduce } from "../src/live/useLiveGame.ts";

class FakeSocket {
  static all: FakeSocket[] = [];
  sent: string[] = [];
  readyState = 0;
  closed = false;
  onopen: ((event: Event) => void) | null = null;
  onmessage: ((event: MessageEvent) => void) | null = null;
  onclose: ((event: CloseEvent) => void) | null = null;
  constructor(readonly url: string) {
    FakeSocket.all.push(this);
  }
  send(data: string) {
    this.sent.push(data);
  }
  close() {
    this.closed = true;
  }
  open() {
    this.readyState = 1;
    this.onopen?.(new Event("open"));
  }
  receive(body: ServerMessage) {
    this.onmessage?.(new MessageEvent("message", { data: JSON.stringify(body) }));
  }
  drop(code = 1006, reason = "") {
    this.readyState = 3;
    this.onclose?.({ code, reason } as CloseEvent);
  }
}

const question = (index: number, answered = false): QuestionOpen => ({
  v: 1,
  type: "question",
  question: {
    index,
    count: 3,
    type: "single",
    text: "2 + 2 = ?",
    image_url: null,
    points: 1,
    options: [
      { id: "a", text: "4" },
      { id: "b", text: "5" },
    ],
  },
  timer: { seconds: 20, remaining_ms: 20_000, paused: false },
  answered,
});

describe("the live game's socket", () => {
  beforeEach(() => {
    FakeSocket.all = [];
    vi.useFakeTimers();
  });
  afterEach(() => vi.useRealTimers());

  it("is on this host, with the token in the first message and never in the address", () => {
    expect(liveUrl("https://testai.alif24.uz")).toBe("wss://testai.alif24.uz/api/testai/ws/live");
  });

  it("says hello with the protocol version, pings, and comes back after a lost connection", async () => {
    const states: string[] = [];
    const messages: ServerMessage[] = [];
    const socket = new LiveSocket({
      url: "ws://x/live",
      hello: async () => ({ code: "123456", role: "player", resume: "key" }),
      onMessage: (m) => messages.push(m),
      onState: (s) => states.push(s),
      open: (url) => new FakeSocket(url) as unknown as WebSocket,
    });
    socket.start();
    FakeSocket.all[0]?.open();
    await vi.advanceTimersByTimeAsync(0);
    expect(JSON.parse(FakeSocket.all[0]?.sent[0] ?? "{}")).toEqual({
      type: "hello",
      v: 1,
      code: "123456",
      role: "player",
      resume: "key",
    });
    await vi.advanceTimersByTimeAsync(15_000);
    expect(FakeSocket.all[0]?.sent.at(-1)).toBe(JSON.stringify({ type: "ping" }));
    FakeSocket.all[0]?.drop(1006);
    expect(states.at(-1)).toBe("reconnecting");
    await vi.advanceTimersByTimeAsync(500);
    expect(FakeSocket.all).toHaveLength(2);
    socket.stop();
  });

  it("stays closed when the server refuses or the game is over", () => {
    const states: [string, string | undefined][] = [];
    const socket = new LiveSocket({
      url: "ws://x/live",
      hello: async () => ({ code: "123456", role: "player", nickname: "Ali" }),
      onMessage: () => undefined,
      onState: (s, reason) => states.push([s, reason]),
      open: (url) => new FakeSocket(url) as unknown as WebSocket,
    });
    socket.start();
    FakeSocket.all[0]?.open();
    FakeSocket.all[0]?.drop(1008, "nickname_taken");
    vi.advanceTimersByTime(10_000);
    expect(FakeSocket.all).toHaveLength(1);
    expect(states.at(-1)).toEqual(["closed", "nickname_taken"]);
  });
});

describe("the game as a screen sees it", () => {
  it("follows a question from its opening to the reveal, and a reconnect's snapshot", () => {
    let game = reduce(INITIAL, { kind: "message", message: question(0), receivedAt: 1 });
    expect(game.question?.question.index).toBe(0);
    game = reduce(game, {
      kind: "message",
      message: { v: 1, type: "answered", index: 0, accepted: true, reason: null },
      receivedAt: 2,
    });
    expect(game.answered?.accepted).toBe(true);
    game = reduce(game, {
      kind: "message",
      message: {
        v: 1,
        type: "reveal",
        index: 0,
        last: false,
        bars: [],
        accepted: [],
        top: [],
        you: { answered: true, correct: true, points: 950, streak: 1, score: 950, rank: 1 },
      },
      receivedAt: 3,
    });
    expect(game.question).toBeUndefined();
    expect(game.reveal?.you?.points).toBe(950);
    // Back after a lost connection: the open question arrives already answered.
    game = reduce(game, { kind: "message", message: question(1, true), receivedAt: 4 });
    expect(game.reveal).toBeUndefined();
    expect(game.answered?.accepted).toBe(true);
  });
});
