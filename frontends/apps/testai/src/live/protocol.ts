/**
 * The live game's messages, protocol version 1: the mirror of
 * services/testai/testai/live/schemas.py. A field the server adds later has a default there; a
 * change a client cannot ignore raises the version, and the server then closes with
 * "unsupported_version" (the page asks for a reload).
 */
export const PROTOCOL = 1;

export type Role = "host" | "player";
export type Phase = "lobby" | "question" | "reveal" | "podium";
export type QuestionType = "single" | "multiple" | "true_false" | "short_answer" | "numeric";

export type Hello = {
  type: "hello";
  v: number;
  code: string;
  role: Role;
  token?: string | null;
  nickname?: string | null;
  resume?: string | null;
};
export type AnswerFields = { choice?: string[]; truth?: boolean; text?: string };
export type ClientMessage =
  | Hello
  | ({ type: "answer"; index: number } & AnswerFields)
  | { type: "start" | "next" | "skip" | "pause" | "resume" | "end" }
  | { type: "kick"; player_id: string }
  | { type: "ping" };

export type PlayerView = { id: string; name: string };
export type Ranked = { id: string; name: string; score: number; rank: number };
export type Timer = { seconds: number; remaining_ms: number; paused: boolean };
export type QuestionView = {
  index: number;
  count: number;
  type: QuestionType;
  text: string;
  image_url: string | null;
  points: number;
  options: { id: string; text: string }[];
};
export type Settings = {
  nicknames_allowed: boolean;
  speed_bonus: boolean;
  streaks: boolean;
  seconds_per_question: number;
};
export type Bar = { key: string; label: string; count: number; correct: boolean };

export type Welcome = {
  v: number;
  type: "welcome";
  role: Role;
  player_id: string | null;
  name: string | null;
  resume: string | null;
  game_id: string;
  code: string;
  title: string;
  phase: Phase;
  question_count: number;
  settings: Settings;
  score: number;
};
export type Lobby = { v: number; type: "lobby"; players: PlayerView[] };
export type QuestionOpen = {
  v: number;
  type: "question";
  question: QuestionView;
  timer: Timer;
  answered: boolean;
};
export type Answered = {
  v: number;
  type: "answered";
  index: number;
  accepted: boolean;
  reason: string | null;
};
export type AnswerCount = {
  v: number;
  type: "answer_count";
  index: number;
  answered: number;
  players: number;
};
export type TimerChanged = { v: number; type: "timer"; index: number; timer: Timer };
export type Reveal = {
  v: number;
  type: "reveal";
  index: number;
  last: boolean;
  bars: Bar[];
  accepted: string[];
  top: Ranked[];
  you: {
    answered: boolean;
    correct: boolean;
    points: number;
    streak: number;
    score: number;
    rank: number;
  } | null;
};
export type Podium = {
  v: number;
  type: "podium";
  top: Ranked[];
  players: number;
  you: { rank: number; score: number; correct: number } | null;
};
export type ServerMessage =
  | Welcome
  | Lobby
  | QuestionOpen
  | Answered
  | AnswerCount
  | TimerChanged
  | Reveal
  | Podium
  | { v: number; type: "removed" }
  | { v: number; type: "error"; code: string; message: string }
  | { v: number; type: "pong" };

/** Colours and shapes of the answer buttons, the same on the projector and on every phone. */
export const SHAPES = [
  { shape: "▲", colour: "bg-red-600", name: "triangle" },
  { shape: "◆", colour: "bg-blue-600", name: "diamond" },
  { shape: "●", colour: "bg-amber-500", name: "circle" },
  { shape: "■", colour: "bg-green-600", name: "square" },
  { shape: "★", colour: "bg-purple-600", name: "star" },
  { shape: "⬟", colour: "bg-pink-600", name: "pentagon" },
  { shape: "⬢", colour: "bg-teal-600", name: "hexagon" },
  { shape: "✚", colour: "bg-orange-600", name: "cross" },
] as const;

/** The look of the answer at position `index` (colours repeat after eight). */
export function shapeOf(index: number): (typeof SHAPES)[number] {
  return SHAPES[index % SHAPES.length] ?? SHAPES[0];
}
