"""Replaying an input log: the only way the server learns a score.

A log is a list of `(tick, action)` pairs in the order they happened, and `end_tick`, the number of
ticks the game ran (60 per second). The log's own rules are checked here; the anti-cheat limits
(input rate, wall-clock time) belong to the sessions service.
"""

from collections.abc import Sequence
from dataclasses import asdict, dataclass
from enum import StrEnum
from typing import Any, Final

from games.engines.errors import InvalidLog
from games.engines.game2048 import MOVES, Game2048
from games.engines.tetris import ACTIONS, Tetris

ENGINE_VERSION: Final = 1  # bumped with any rule change; a session replays with its own version

Input = tuple[int, str]


class GameKind(StrEnum):
    tetris = "tetris"
    g2048 = "2048"


ACTIONS_OF: Final[dict[GameKind, frozenset[str]]] = {
    GameKind.g2048: frozenset(MOVES),
    GameKind.tetris: ACTIONS,
}


@dataclass(frozen=True)
class Replay:
    game: GameKind
    score: int
    over: bool
    stats: dict[str, Any]  # what a player sees besides the score: lines and level, or max tile
    final_state: dict[str, Any]  # the whole final state, as in the conformance vectors


def check_log(game: GameKind, inputs: Sequence[Input], end_tick: int) -> None:
    """Ticks never go back and stay before `end_tick`; every action is one of the game's."""
    allowed = ACTIONS_OF[game]
    previous = 0
    for index, (tick, action) in enumerate(inputs):
        if tick < previous:
            raise InvalidLog("ticks_out_of_order", index)
        if tick >= end_tick:
            raise InvalidLog("tick_after_end", index)
        if action not in allowed:
            raise InvalidLog("unknown_action", index)
        previous = tick


def replay_2048(seed: str, inputs: Sequence[Input]) -> Game2048:
    game = Game2048(seed)
    for index, (_, move) in enumerate(inputs):
        try:
            game.move(move)
        except InvalidLog as error:
            raise InvalidLog(error.reason, index) from None
    return game


def replay_tetris(
    seed: str, inputs: Sequence[Input], end_tick: int, field: Sequence[str] = ()
) -> Tetris:
    game = Tetris(seed, field)
    for index, (tick, action) in enumerate(inputs):
        if tick > game.tick:
            game.finish_tick()  # the previous input's tick ends before this one's
            game.advance_to(tick)
        try:
            game.apply(action)
        except InvalidLog as error:
            raise InvalidLog(error.reason, index) from None
    if inputs:
        game.finish_tick()
    game.advance_to(end_tick)
    return game


def replay(
    game: GameKind,
    seed: str,
    inputs: Sequence[Input],
    end_tick: int,
    tetris_field: Sequence[str] = (),
) -> Replay:
    """The outcome of a log; `tetris_field` (puzzles and conformance vectors only) starts a
    Tetris game on a given field."""
    check_log(game, inputs, end_tick)
    if game is GameKind.g2048:
        board = replay_2048(seed, inputs).snapshot()
        return Replay(
            game=game,
            score=board.score,
            over=board.over,
            stats={"moves": board.moves, "max_tile": board.max_tile, "won": board.won},
            final_state=asdict(board),
        )
    tetris = replay_tetris(seed, inputs, end_tick, tetris_field).snapshot()
    return Replay(
        game=game,
        score=tetris.score,
        over=tetris.over,
        stats={
            "lines": tetris.lines,
            "level": tetris.level,
            "pieces": tetris.pieces,
            "tspins": tetris.tspins,
            "mini_tspins": tetris.mini_tspins,
        },
        final_state=asdict(tetris),
    )
