"""Players that produce real input logs: for tests, the conformance vectors and the benchmark.

They drive the real engines the way the web client does (inputs at the current tick, the clock
advancing in between), so every log they write is one an honest client could send.
"""

import copy
import random
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy.ext.asyncio import AsyncSession

from alif.auth import Role
from alif.kernel.models import User
from games.engines.game2048 import MOVES, Game2048
from games.engines.replay import ENGINE_VERSION, GameKind, Input
from games.engines.tetris import CELLS, HEIGHT, WIDTH, Tetris
from games.leaderboards.periods import rank_key
from games.sessions.models import GameSession, SessionStatus


@dataclass(frozen=True)
class Log:
    inputs: list[Input]
    end_tick: int

    def as_json(self) -> dict[str, object]:
        return {"inputs": [list(i) for i in self.inputs], "end_tick": self.end_tick}


class TetrisPlayer:
    """The Python twin of the client's `TetrisPlay`: apply inputs at the current tick, record."""

    def __init__(self, seed: str, field: Sequence[str] = ()) -> None:
        self.game = Tetris(seed, field)
        self.inputs: list[Input] = []

    def _open_tick(self) -> bool:
        return bool(self.inputs) and self.inputs[-1][0] == self.game.tick

    def advance_to(self, tick: int) -> None:
        if tick <= self.game.tick:
            return
        if self._open_tick():
            self.game.finish_tick()
        self.game.advance_to(tick)

    def input(self, action: str) -> None:
        self.game.apply(action)
        self.inputs.append((self.game.tick, action))

    def finish(self) -> Log:
        if self._open_tick():
            self.game.finish_tick()
        return Log(list(self.inputs), self.game.tick)


def _heights(rows: list[int]) -> list[int]:
    heights = [0] * WIDTH
    for y in range(len(rows) - 1, -1, -1):
        row = rows[y]
        if row:
            for x in range(WIDTH):
                if not heights[x] and row >> x & 1:
                    heights[x] = y + 1
    return heights


def _evaluate(rows: list[int]) -> float:
    """The well-known four-feature placement heuristic (height, lines, holes, bumpiness)."""
    full = sum(1 for row in rows if row == (1 << WIDTH) - 1)
    rest = [row for row in rows if row != (1 << WIDTH) - 1]
    heights = _heights(rest)
    holes = 0
    for x in range(WIDTH):
        for y in range(heights[x] - 1):
            if not rest[y] >> x & 1:
                holes += 1
    bumpiness = sum(abs(heights[x] - heights[x + 1]) for x in range(WIDTH - 1))
    return -0.51 * sum(heights) + 0.76 * full - 0.36 * holes - 0.18 * bumpiness


def _best_placement(game: Tetris) -> tuple[int, int]:
    """(rotation, x) of the best hard-drop placement of the falling piece."""
    rows = game._rows
    best: tuple[float, int, int] | None = None
    for rotation in range(1 if game.kind == "O" else 4):
        cells = CELLS[game.kind][rotation]
        for x in range(-3, WIDTH):
            if not all(0 <= x + c < WIDTH for c, _ in cells):
                continue
            y = game.y + 2
            if not _fits(rows, cells, x, y):
                continue
            while _fits(rows, cells, x, y - 1):
                y -= 1
            placed = list(rows)
            for c, r in cells:
                placed[y - r] |= 1 << (x + c)
            value = _evaluate(placed)
            if best is None or value > best[0]:
                best = (value, rotation, x)
    return (0, game.x) if best is None else (best[1], best[2])


def _fits(rows: list[int], cells: tuple[tuple[int, int], ...], px: int, py: int) -> bool:
    for c, r in cells:
        y = py - r
        if y < 0 or y >= HEIGHT or rows[y] >> (px + c) & 1:
            return False
    return True


def play_piece(player: TetrisPlayer, rng: random.Random, *, pace: int = 6, wait: int = 0) -> None:
    """Place the falling piece as a competent player would: sometimes hold, rotate, tap sideways,
    wait `wait` ticks (the piece falls meanwhile), sometimes soft-drop a little, hard-drop; with
    `pace` ticks between key events. `pace=0` acts within one tick, faster than any person, which
    lets it survive 20G levels in the benchmark's long games."""
    game = player.game

    def later(ticks: int) -> None:
        # a person's rhythm wobbles; without it the server would flag the log as scripted
        player.advance_to(game.tick + ticks + rng.randint(0, ticks // 2))

    later(pace)
    if game.over:
        return
    if rng.random() < 0.05:
        player.input("HOLD")
        later(pace)
        if game.over:
            return
    rotation, target = _best_placement(game)
    for action in {1: ["CW"], 2: ["CW", "CW"], 3: ["CCW"]}.get(rotation, []):
        player.input(action)
        later(pace)
    while game.x != target and not game.over:
        key = "L" if game.x > target else "R"
        before = game.x
        player.input(key + "+")
        later(pace // 2)
        player.input(key + "-")
        later(pace)
        if game.x == before:
            break  # blocked: drop where it is
    later(wait)
    if game.over:
        return
    if rng.random() < 0.2:
        player.input("D+")
        later(pace)
        player.input("D-")
    if not game.over:
        player.input("HD")


def play_tetris(
    seed: str, *, pieces: int, pace: int = 6, wait: int = 0, rng: random.Random | None = None
) -> TetrisPlayer:
    """A game of `pieces` pieces (or until it tops out) by `play_piece`."""
    rng = rng or random.Random(seed)  # noqa: S311 - a reproducible player, not a secret
    player = TetrisPlayer(seed)
    while player.game.pieces < pieces and not player.game.over:
        play_piece(player, rng, pace=pace, wait=wait)
    return player


class Player2048:
    def __init__(self, seed: str) -> None:
        self.game = Game2048(seed)
        self.inputs: list[Input] = []
        self.tick = 0

    def input(self, move: str) -> bool:
        self.inputs.append((self.tick, move))
        return self.game.move(move)

    def finish(self) -> Log:
        return Log(list(self.inputs), (self.inputs[-1][0] + 1) if self.inputs else 0)


# A snake of weights from one corner: boards that keep big tiles ordered along it score higher.
_SNAKE = (15, 14, 13, 12, 8, 9, 10, 11, 7, 6, 5, 4, 0, 1, 2, 3)
_WEIGHTS = tuple(4.0**rank for rank in _SNAKE)


def _board_value(game: Game2048) -> float:
    if game.over:
        return -1e30
    return sum(w * (1 << e) for w, e in zip(_WEIGHTS, game.cells, strict=True) if e)


def _clone(game: Game2048) -> Game2048:
    twin = copy.copy(game)
    twin.cells = list(game.cells)
    twin._rng = copy.copy(game._rng)
    return twin


def _look_ahead(game: Game2048, depth: int) -> float:
    if depth == 0 or game.over:
        return _board_value(game)
    best = -1e31
    for direction in MOVES:
        twin = _clone(game)
        if twin.move(direction):
            best = max(best, _look_ahead(twin, depth - 1))
    return best


def play_2048(seed: str, *, moves: int, pace: int = 8, rng: random.Random | None = None) -> Log:
    """A strong player, a move every `pace` to `2 * pace` ticks, until it has made `moves`
    board-changing moves or lost. It knows the seed, so it searches three moves ahead on the real
    spawns: the strongest bot a cheater could write, and still only a log that replays honestly."""
    rng = rng or random.Random(seed)  # noqa: S311 - a reproducible player, not a secret
    player = Player2048(seed)
    game = player.game
    while game.moves < moves and not game.over:
        best: tuple[float, str] | None = None
        for direction in MOVES:
            twin = _clone(game)
            if twin.move(direction):
                value = _look_ahead(twin, 2)
                if best is None or value > best[0]:
                    best = (value, direction)
        assert best is not None  # the game is not over, so some move changes the board
        player.input(best[1])
        player.tick += pace + rng.randint(0, pace)
    return player.finish()


async def backdate(db: AsyncSession, session_id: uuid.UUID | str, seconds: float) -> None:
    """Move a game's start `seconds` into the past: a test cannot wait while a child plays."""
    game = await db.get(GameSession, uuid.UUID(str(session_id)))
    assert game is not None
    game.started_at -= timedelta(seconds=seconds)
    game.expires_at -= timedelta(seconds=seconds)
    await db.flush()


async def make_finished_game(
    db: AsyncSession,
    user: User,
    game: GameKind,
    score: int,
    finished_at: datetime,
    *,
    flag: str | None = None,
) -> GameSession:
    """A verified game as the finish endpoint leaves it, for boards and stats tests."""
    ranked = user.role is Role.student
    session = GameSession(
        user_id=user.id,
        game=game,
        engine_version=ENGINE_VERSION,
        seed="0" * 32,
        ranked=ranked,
        status=SessionStatus.finished,
        started_at=finished_at - timedelta(minutes=5),
        expires_at=finished_at + timedelta(hours=2),
        finished_at=finished_at,
        end_tick=5 * 60 * 60,
        input_count=100,
        claimed_score=score,
        score=score,
        over=True,
        stats={},
        flag_reason=flag,
        rank_key=rank_key(score, finished_at) if ranked and flag is None else None,
    )
    db.add(session)
    await db.flush()
    return session
