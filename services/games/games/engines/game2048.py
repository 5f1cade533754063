"""2048, deterministic: the same seed and moves give the same boards in Python and TypeScript.

The board holds exponents (0 = empty, 1 = a 2 tile, 11 = a 2048 tile), cells numbered 0..15 row by
row from the top left. Rules: docs/games.md §3; twin: frontends/packages/game-engines/src/g2048.ts.
"""

from dataclasses import dataclass
from typing import Final

from games.engines.errors import InvalidLog
from games.engines.prng import Sfc32

SIZE: Final = 4
WIN_EXPONENT: Final = 11  # 2**11 == 2048
MOVES: Final = ("U", "D", "L", "R")

# For each move, the four lines of cell indices, each starting at the wall the tiles slide toward.
LINES: Final[dict[str, tuple[tuple[int, int, int, int], ...]]] = {
    "L": tuple((4 * r, 4 * r + 1, 4 * r + 2, 4 * r + 3) for r in range(SIZE)),
    "R": tuple((4 * r + 3, 4 * r + 2, 4 * r + 1, 4 * r) for r in range(SIZE)),
    "U": tuple((c, c + 4, c + 8, c + 12) for c in range(SIZE)),
    "D": tuple((c + 12, c + 8, c + 4, c) for c in range(SIZE)),
}

Slid = tuple[int, int, int, int, int]  # the new line and the points it earned
_UNCHANGED: Final[Slid] = (0, 0, 0, 0, -1)
# Sliding one line depends only on its four exponents; there are few distinct lines in a game,
# so each is worked out once (replaying 5,000 moves costs a few milliseconds, see bench/).
_slides: dict[int, Slid] = {}


def slide_line(line: tuple[int, int, int, int]) -> tuple[tuple[int, int, int, int], int]:
    """Slide one line toward its index 0: equal neighbours merge once, each merge scores its value.

    `slide_line((1, 1, 1, 1))` is `((2, 2, 0, 0), 8)`: [2,2,2,2] becomes [4,4], scoring 4 + 4.
    """
    tiles = [e for e in line if e]
    merged: list[int] = []
    points = 0
    i = 0
    while i < len(tiles):
        if i + 1 < len(tiles) and tiles[i] == tiles[i + 1]:
            merged.append(tiles[i] + 1)
            points += 1 << (tiles[i] + 1)
            i += 2
        else:
            merged.append(tiles[i])
            i += 1
    merged += [0] * (SIZE - len(merged))
    return (merged[0], merged[1], merged[2], merged[3]), points


def _slide_key(key: int) -> Slid:
    line = (key & 31, (key >> 5) & 31, (key >> 10) & 31, (key >> 15) & 31)
    new, points = slide_line(line)
    return _UNCHANGED if new == line else (*new, points)


@dataclass(frozen=True)
class Snapshot2048:
    board: list[list[int]]  # tile values (0 = empty), rows from the top
    score: int
    moves: int  # moves that changed the board
    max_tile: int
    won: bool
    over: bool


class Game2048:
    def __init__(self, seed: str) -> None:
        self._rng = Sfc32(seed)
        self.cells = [0] * (SIZE * SIZE)
        self.score = 0
        self.moves = 0
        self.won = False
        self.over = False
        self._spawn()
        self._spawn()

    def _spawn(self) -> None:
        """The value is drawn first (4 with probability 1/10), then the cell among the empty ones
        in index order. Called only when at least one cell is empty."""
        exponent = 2 if self._rng.below(10) == 0 else 1
        empty = [i for i, e in enumerate(self.cells) if not e]
        self.cells[empty[self._rng.below(len(empty))]] = exponent

    def can_move(self) -> bool:
        cells = self.cells
        if 0 in cells:
            return True
        for i in range(SIZE * SIZE):
            if i % SIZE < SIZE - 1 and cells[i] == cells[i + 1]:
                return True
            if i < SIZE * (SIZE - 1) and cells[i] == cells[i + SIZE]:
                return True
        return False

    def move(self, direction: str) -> bool:
        """Play one move; True when it changed the board (and so spawned a tile)."""
        if self.over:
            raise InvalidLog("input_after_game_over")
        lines = LINES.get(direction)
        if lines is None:
            raise InvalidLog("unknown_action")
        cells = self.cells
        changed = False
        for i0, i1, i2, i3 in lines:
            key = cells[i0] | cells[i1] << 5 | cells[i2] << 10 | cells[i3] << 15
            slid = _slides.get(key)
            if slid is None:
                slid = _slides[key] = _slide_key(key)
            if slid is not _UNCHANGED:
                cells[i0], cells[i1], cells[i2], cells[i3], points = slid
                self.score += points
                changed = True
        if not changed:
            return False
        self.moves += 1
        if not self.won and WIN_EXPONENT in cells:
            self.won = True
        self._spawn()
        self.over = not self.can_move()
        return True

    def snapshot(self) -> Snapshot2048:
        values = [1 << e if e else 0 for e in self.cells]
        return Snapshot2048(
            board=[values[r * SIZE : (r + 1) * SIZE] for r in range(SIZE)],
            score=self.score,
            moves=self.moves,
            max_tile=max(values),
            won=self.won,
            over=self.over,
        )
