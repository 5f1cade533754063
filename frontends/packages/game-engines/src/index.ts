export { InvalidLog, type InvalidLogReason } from "./errors.js";
export { Game2048, MOVES, slideLine, type Move, type Snapshot2048 } from "./g2048.js";
export { Play2048, TetrisPlay, ticksAt, type FinishedLog } from "./play.js";
export { InvalidSeed, Sfc32 } from "./prng.js";
export {
  ACTIONS_OF,
  checkLog,
  ENGINE_VERSION,
  replay,
  replay2048,
  replayTetris,
  type FinalState,
  type GameKind,
  type Input,
  type ReplayResult,
} from "./replay.js";
export {
  ACTIONS,
  CELLS,
  HEIGHT,
  KINDS,
  Tetris,
  TICKS_PER_SECOND,
  VISIBLE_HEIGHT,
  WIDTH,
  type Kind,
  type Piece,
  type TetrisAction,
  type TetrisSnapshot,
} from "./tetris.js";
