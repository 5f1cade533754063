/**
 * Replaying an input log, as the server does (services/games/games/engines/replay.py): the
 * conformance vectors check both sides give the same results.
 */
import { InvalidLog } from "./errors.js";
import { Game2048, MOVES, type Snapshot2048 } from "./g2048.js";
import { ACTIONS, Tetris, type TetrisSnapshot } from "./tetris.js";

export const ENGINE_VERSION = 1;

export type GameKind = "tetris" | "2048";
/** One input: the tick it happened at (60 per second from the start) and the action. */
export type Input = readonly [tick: number, action: string];

export const ACTIONS_OF: Readonly<Record<GameKind, readonly string[]>> = {
  "2048": MOVES,
  tetris: ACTIONS,
};

export function checkLog(game: GameKind, inputs: readonly Input[], endTick: number): void {
  const allowed = ACTIONS_OF[game];
  let previous = 0;
  inputs.forEach(([tick, action], index) => {
    if (tick < previous) throw new InvalidLog("ticks_out_of_order", index);
    if (tick >= endTick) throw new InvalidLog("tick_after_end", index);
    if (!allowed.includes(action)) throw new InvalidLog("unknown_action", index);
    previous = tick;
  });
}

function atInput<T>(index: number, run: () => T): T {
  try {
    return run();
  } catch (error) {
    if (error instanceof InvalidLog) throw new InvalidLog(error.reason, index);
    throw error;
  }
}

export function replay2048(seed: string, inputs: readonly Input[]): Game2048 {
  const game = new Game2048(seed);
  for (const [index, [, move]] of inputs.entries()) {
    atInput(index, () => game.move(move));
  }
  return game;
}

export function replayTetris(
  seed: string,
  inputs: readonly Input[],
  endTick: number,
  field: readonly string[] = [],
): Tetris {
  const game = new Tetris(seed, field);
  inputs.forEach(([tick, action], index) => {
    if (tick > game.tick) {
      game.finishTick();
      game.advanceTo(tick);
    }
    atInput(index, () => game.apply(action));
  });
  if (inputs.length > 0) game.finishTick();
  game.advanceTo(endTick);
  return game;
}

export type FinalState = Snapshot2048 | TetrisSnapshot;

export interface ReplayResult {
  score: number;
  over: boolean;
  finalState: FinalState;
}

export function replay(
  game: GameKind,
  seed: string,
  inputs: readonly Input[],
  endTick: number,
  tetrisField: readonly string[] = [],
): ReplayResult {
  checkLog(game, inputs, endTick);
  const finalState =
    game === "2048"
      ? replay2048(seed, inputs).snapshot()
      : replayTetris(seed, inputs, endTick, tetrisField).snapshot();
  return { score: finalState.score, over: finalState.over, finalState };
}
