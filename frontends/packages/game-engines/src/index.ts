export { InvalidLog, type InvalidLogReason } from "./errors.js";
export { Game2048, MOVES, type Move, type Snapshot2048, slideLine } from "./g2048.js";
export { type FinishedLog, Play2048, TetrisPlay, ticksAt } from "./play.js";
export { InvalidSeed, Sfc32 } from "./prng.js";
export {
  ACTIONS_OF,
  checkLog,
  ENGINE_VERSION,
  type FinalState,
  type GameKind,
  type Input,
  type ReplayResult,
  replay,
  replay2048,
  replayTetris,
} from "./replay.js";
export {
  ACTIONS,
  CELLS,
  HEIGHT,
  KINDS,
  type Kind,
  type Piece,
  Tetris,
  type TetrisAction,
  type TetrisSnapshot,
  TICKS_PER_SECOND,
  VISIBLE_HEIGHT,
  WIDTH,
} from "./tetris.js";
