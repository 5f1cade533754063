import { useEffect, useReducer, useRef, useState } from "react";
import type {
  AnswerCount,
  Answered,
  ClientMessage,
  Hello,
  Lobby,
  Podium,
  QuestionOpen,
  Reveal,
  ServerMessage,
  Welcome,
} from "./protocol.ts";
import { LiveSocket, type LiveState, liveUrl } from "./socket.ts";

export type Game = {
  connection: LiveState;
  closedReason?: string;
  welcome?: Welcome;
  players: Lobby["players"];
  question?: QuestionOpen & { receivedAt: number };
  answered?: Answered;
  count?: AnswerCount;
  reveal?: Reveal;
  podium?: Podium;
  error?: { code: string; message: string };
  removed: boolean;
};

type Action =
  | { kind: "state"; state: LiveState; reason?: string }
  | { kind: "message"; message: ServerMessage; receivedAt: number };

export const INITIAL: Game = { connection: "connecting", players: [], removed: false };

export function reduce(game: Game, action: Action): Game {
  if (action.kind === "state") {
    return { ...game, connection: action.state, closedReason: action.reason };
  }
  const { message } = action;
  switch (message.type) {
    case "welcome":
      // The server sends what follows (the question, the reveal) right after: start clean.
      return {
        ...game,
        welcome: message,
        question: undefined,
        answered: undefined,
        reveal: undefined,
        podium: undefined,
        count: undefined,
        error: undefined,
      };
    case "lobby":
      return { ...game, players: message.players };
    case "question":
      return {
        ...game,
        question: { ...message, receivedAt: action.receivedAt },
        answered: message.answered
          ? {
              v: message.v,
              type: "answered",
              index: message.question.index,
              accepted: true,
              reason: null,
            }
          : undefined,
        reveal: undefined,
        count: undefined,
        error: undefined,
      };
    case "timer":
      if (!game.question || game.question.question.index !== message.index) return game;
      return {
        ...game,
        question: { ...game.question, timer: message.timer, receivedAt: action.receivedAt },
      };
    case "answered":
      return { ...game, answered: message };
    case "answer_count":
      return { ...game, count: message };
    case "reveal":
      return { ...game, reveal: message, question: undefined };
    case "podium":
      return { ...game, podium: message, question: undefined, reveal: undefined };
    case "removed":
      return { ...game, removed: true };
    case "error":
      return { ...game, error: { code: message.code, message: message.message } };
    default:
      return game;
  }
}

/** The game as this screen sees it, and a way to send to it. */
export function useLiveGame(hello: (() => Promise<Omit<Hello, "type" | "v">>) | null) {
  const [game, dispatch] = useReducer(reduce, INITIAL);
  const socket = useRef<LiveSocket | null>(null);
  const helloRef = useRef(hello);
  helloRef.current = hello;
  const active = hello !== null;
  useEffect(() => {
    if (!active) return;
    const live = new LiveSocket({
      url: liveUrl(window.location.origin),
      hello: () => (helloRef.current ? helloRef.current() : Promise.reject(new Error("no hello"))),
      onMessage: (message, receivedAt) => dispatch({ kind: "message", message, receivedAt }),
      onState: (state, reason) => dispatch({ kind: "state", state, reason }),
    });
    socket.current = live;
    live.start();
    return () => {
      live.stop();
      socket.current = null;
    };
  }, [active]);
  const send = (message: ClientMessage) => socket.current?.send(message) ?? false;
  return { game, send };
}

/** Milliseconds left on the question's clock: the server's figure, moved on by the time since it
 * arrived (this device's clock only measures that interval). */
export function useRemaining(question: Game["question"]): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!question || question.timer.paused) return;
    const id = setInterval(() => setNow(Date.now()), 200);
    return () => clearInterval(id);
  }, [question]);
  if (!question) return 0;
  if (question.timer.paused) return question.timer.remaining_ms;
  return Math.max(0, question.timer.remaining_ms - (now - question.receivedAt));
}
