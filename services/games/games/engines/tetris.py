"""Tetris, deterministic on a 60 Hz tick clock: the same seed and inputs give the same field.

Guideline rules: a 10×40 field (20 rows visible), SRS rotation with wall kicks, a 7-bag, hold,
held-key shifting (DAS/ARR) and soft drop, hard drop, lock delay with move reset, levels every 10
lines with the guideline gravity curve, guideline scoring with T-spins, back-to-back and combos.
`step()` is the rule: one tick. `advance_to()` jumps over ticks in which nothing but counters
change, so the server replays a long game in milliseconds; tests prove it equals stepping.

Coordinates: x 0..9 from the left, y 0..39 from the bottom. A piece is its kind, rotation
(0, R=1, 2, L=3) and the field position (px, py) of its box's top-left cell; box cell (c, r)
(r counted downward) is field cell (px + c, py - r). Rules: docs/games.md §4; twin:
frontends/packages/game-engines/src/tetris.ts.
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Final

from games.engines.errors import InvalidLog
from games.engines.prng import Sfc32

WIDTH: Final = 10
HEIGHT: Final = 40
VISIBLE_HEIGHT: Final = 20
FULL_ROW: Final = (1 << WIDTH) - 1

TICKS_PER_SECOND: Final = 60
DAS: Final = 10  # ticks a shift key is held before it repeats
ARR: Final = 2  # ticks between repeats
LOCK_DELAY: Final = 30  # ticks on the ground before a piece locks
MAX_RESETS: Final = 15  # moves or rotations that may restart the lock delay
SOFT_DROP_FACTOR: Final = 20
LINES_PER_LEVEL: Final = 10
MAX_LEVEL: Final = 20
PREVIEW: Final = 5

G: Final = 65536  # gravity is in 1/65536 rows per tick
MAX_GRAVITY: Final = 20 * G  # "20G": a piece falls to the floor in the tick it appears
# round(65536 / (60 * (0.8 - (level - 1) * 0.007) ** (level - 1))), capped at 20G; written out so
# that no floating-point rounding can differ between implementations. Index = level.
GRAVITY: Final = (
    0, 1092, 1377, 1768, 2311, 3075, 4169, 5759, 8107, 11634,
    17026, 25416, 38709, 60169, 95483, 154742, 256187, 433425, 749597, MAX_GRAVITY,
    MAX_GRAVITY,
)  # fmt: skip

KINDS: Final = "IJLOSTZ"  # the bag's order before shuffling
# Rotation-0 cells in box coordinates (column, row downward) and the box size.
SHAPES: Final[dict[str, tuple[int, tuple[tuple[int, int], ...]]]] = {
    "I": (4, ((0, 1), (1, 1), (2, 1), (3, 1))),
    "J": (3, ((0, 0), (0, 1), (1, 1), (2, 1))),
    "L": (3, ((2, 0), (0, 1), (1, 1), (2, 1))),
    "O": (2, ((0, 0), (1, 0), (0, 1), (1, 1))),
    "S": (3, ((1, 0), (2, 0), (0, 1), (1, 1))),
    "T": (3, ((1, 0), (0, 1), (1, 1), (2, 1))),
    "Z": (3, ((0, 0), (1, 0), (1, 1), (2, 1))),
}
SPAWN_X: Final = {"I": 3, "J": 3, "L": 3, "O": 4, "S": 3, "T": 3, "Z": 3}
SPAWN_Y: Final = 21  # the box's top row; the piece then drops one row at once if it can

Kick = tuple[int, int]  # (dx, dy), dy upward
_JLSTZ_KICKS: Final[dict[tuple[int, int], tuple[Kick, ...]]] = {
    (0, 1): ((0, 0), (-1, 0), (-1, 1), (0, -2), (-1, -2)),
    (1, 0): ((0, 0), (1, 0), (1, -1), (0, 2), (1, 2)),
    (1, 2): ((0, 0), (1, 0), (1, -1), (0, 2), (1, 2)),
    (2, 1): ((0, 0), (-1, 0), (-1, 1), (0, -2), (-1, -2)),
    (2, 3): ((0, 0), (1, 0), (1, 1), (0, -2), (1, -2)),
    (3, 2): ((0, 0), (-1, 0), (-1, -1), (0, 2), (-1, 2)),
    (3, 0): ((0, 0), (-1, 0), (-1, -1), (0, 2), (-1, 2)),
    (0, 3): ((0, 0), (1, 0), (1, 1), (0, -2), (1, -2)),
}
_I_KICKS: Final[dict[tuple[int, int], tuple[Kick, ...]]] = {
    (0, 1): ((0, 0), (-2, 0), (1, 0), (-2, -1), (1, 2)),
    (1, 0): ((0, 0), (2, 0), (-1, 0), (2, 1), (-1, -2)),
    (1, 2): ((0, 0), (-1, 0), (2, 0), (-1, 2), (2, -1)),
    (2, 1): ((0, 0), (1, 0), (-2, 0), (1, -2), (-2, 1)),
    (2, 3): ((0, 0), (2, 0), (-1, 0), (2, 1), (-1, -2)),
    (3, 2): ((0, 0), (-2, 0), (1, 0), (-2, -1), (1, 2)),
    (3, 0): ((0, 0), (1, 0), (-2, 0), (1, -2), (-2, 1)),
    (0, 3): ((0, 0), (-1, 0), (2, 0), (-1, 2), (2, -1)),
}

# Points of a lock by lines cleared, multiplied by the level before the lock (docs/games.md §4.6).
LINE_POINTS: Final = (0, 100, 300, 500, 800)
TSPIN_POINTS: Final = (400, 800, 1200, 1600)
MINI_TSPIN_POINTS: Final = (100, 200, 400)
COMBO_POINTS: Final = 50
T_CORNERS: Final = ((0, 0), (2, 0), (0, 2), (2, 2))
T_FRONT_CORNERS: Final = (((0, 0), (2, 0)), ((2, 0), (2, 2)), ((0, 2), (2, 2)), ((0, 0), (0, 2)))

ACTIONS: Final = frozenset({"L+", "L-", "R+", "R-", "D+", "D-", "CW", "CCW", "HD", "HOLD"})


def _rotate_cw(size: int, cells: tuple[tuple[int, int], ...]) -> tuple[tuple[int, int], ...]:
    return tuple((size - 1 - r, c) for c, r in cells)


def _build_cells() -> dict[str, tuple[tuple[tuple[int, int], ...], ...]]:
    rotations = {}
    for kind, (size, cells) in SHAPES.items():
        states = [cells]
        for _ in range(3):
            states.append(cells if kind == "O" else _rotate_cw(size, states[-1]))
        rotations[kind] = tuple(states)
    return rotations


CELLS: Final = _build_cells()

RowMasks = tuple[tuple[int, int], ...]  # (box row, bit mask over field columns)


def _build_masks() -> dict[tuple[str, int], dict[int, RowMasks]]:
    """For every piece, rotation and box x where it fits between the walls: its row masks."""
    masks: dict[tuple[str, int], dict[int, RowMasks]] = {}
    for kind, states in CELLS.items():
        for rotation, cells in enumerate(states):
            by_x: dict[int, RowMasks] = {}
            for px in range(-3, WIDTH):
                if all(0 <= px + c < WIDTH for c, _ in cells):
                    rows: dict[int, int] = {}
                    for c, r in cells:
                        rows[r] = rows.get(r, 0) | 1 << (px + c)
                    by_x[px] = tuple(sorted(rows.items()))
            masks[kind, rotation] = by_x
    return masks


MASKS: Final = _build_masks()


@dataclass(frozen=True)
class Piece:
    kind: str
    rotation: int
    x: int
    y: int


@dataclass(frozen=True)
class TetrisSnapshot:
    field: list[str]  # 40 rows from the top (y = 39) down to y = 0; "." is empty
    score: int
    lines: int
    level: int
    pieces: int  # pieces locked
    tick: int  # ticks played
    over: bool
    hold: str | None
    next: list[str]
    current: Piece | None
    back_to_back: bool
    combo: int  # consecutive line-clearing locks minus one; -1 when the last lock cleared none
    tspins: int  # full T-spins
    mini_tspins: int


FIELD_CELLS: Final = frozenset(".GIJLOSTZ")  # G: a garbage cell, in puzzles and tests


class Tetris:
    def __init__(self, seed: str, field: Sequence[str] = ()) -> None:
        """A new game; `field` (rows from the top, the last one is y = 0) starts it on a given
        field, as a puzzle or a test does. Sessions always start on an empty field."""
        self._rng = Sfc32(seed)
        self._rows = [0] * HEIGHT  # bit x set = cell (x, y) filled
        self._colors = [["."] * WIDTH for _ in range(HEIGHT)]
        if len(field) > HEIGHT:
            raise ValueError(f"a field has at most {HEIGHT} rows")
        for y, row in enumerate(reversed(field)):
            if len(row) != WIDTH or not FIELD_CELLS.issuperset(row):
                raise ValueError(f"a row is {WIDTH} of {''.join(sorted(FIELD_CELLS))}")
            self._colors[y] = list(row)
            self._rows[y] = sum(1 << x for x, cell in enumerate(row) if cell != ".")
        self._queue: list[str] = []
        self.hold: str | None = None
        self._hold_used = False
        self.score = 0
        self.lines = 0
        self.level = 1
        self.pieces = 0
        self.tspins = 0
        self.mini_tspins = 0
        self.back_to_back = False
        self.combo = -1
        self.over = False
        self.tick = 0
        # held keys
        self._left = False
        self._right = False
        self._soft = False
        self._shift = 0  # -1, 0 or 1: the direction that auto-repeats
        self._das = 0
        # the falling piece
        self.kind = "I"
        self.rotation = 0
        self.x = 0
        self.y = 0
        self._lowest = 0
        self._lock_timer = 0
        self._resets = MAX_RESETS
        self._gravity_acc = 0
        self._last_rotated = False
        self._last_kick = 0
        self._spawn(self._take())

    # -- the rules -----------------------------------------------------------------------------

    def _take(self) -> str:
        """The next piece; a shuffled bag of all seven is appended whenever fewer than 7 wait."""
        if len(self._queue) < 7:
            bag = list(KINDS)
            for i in range(6, 0, -1):  # Fisher–Yates, from the last position down
                j = self._rng.below(i + 1)
                bag[i], bag[j] = bag[j], bag[i]
            self._queue.extend(bag)
        return self._queue.pop(0)

    def _fits(self, kind: str, rotation: int, px: int, py: int) -> bool:
        masks = MASKS[kind, rotation].get(px)
        if masks is None:
            return False
        rows = self._rows
        for r, mask in masks:
            y = py - r
            if y < 0 or y >= HEIGHT or rows[y] & mask:
                return False
        return True

    def _grounded(self) -> bool:
        return not self._fits(self.kind, self.rotation, self.x, self.y - 1)

    def _spawn(self, kind: str) -> None:
        self.kind, self.rotation, self.x, self.y = kind, 0, SPAWN_X[kind], SPAWN_Y
        if not self._fits(kind, 0, self.x, self.y):
            self.over = True  # block out
            return
        if self._fits(kind, 0, self.x, self.y - 1):
            self.y -= 1
        self._lowest = self.y
        self._lock_timer = 0
        self._resets = MAX_RESETS
        self._gravity_acc = 0
        self._last_rotated = False

    def _moved(self) -> None:
        """After a successful shift or rotation: a new lowest row restores the lock delay and its
        resets; otherwise a running lock delay restarts while resets remain."""
        if self.y < self._lowest:
            self._lowest = self.y
            self._resets = MAX_RESETS
            self._lock_timer = 0
        elif self._lock_timer > 0 and self._resets > 0:
            self._lock_timer = 0
            self._resets -= 1

    def _try_shift(self, dx: int) -> None:
        if self._fits(self.kind, self.rotation, self.x + dx, self.y):
            self.x += dx
            self._last_rotated = False
            self._moved()

    def _rotate(self, turn: int) -> None:
        if self.kind == "O":
            return  # the O piece does not rotate: nothing moves, nothing resets
        target = (self.rotation + turn) % 4
        kicks = (_I_KICKS if self.kind == "I" else _JLSTZ_KICKS)[self.rotation, target]
        for index, (dx, dy) in enumerate(kicks):
            if self._fits(self.kind, target, self.x + dx, self.y + dy):
                self.rotation = target
                self.x += dx
                self.y += dy
                self._last_rotated = True
                self._last_kick = index
                self._moved()
                return

    def _drop_distance(self) -> int:
        distance = 0
        while self._fits(self.kind, self.rotation, self.x, self.y - distance - 1):
            distance += 1
        return distance

    def _hard_drop(self) -> None:
        distance = self._drop_distance()
        if distance:
            self.y -= distance
            self.score += 2 * distance
            self._last_rotated = False
        self._lock()

    def _hold(self) -> None:
        if self._hold_used:
            return  # once per piece; pressing again does nothing
        self._hold_used = True
        current = self.kind
        if self.hold is None:
            self.hold = current
            self._spawn(self._take())
        else:
            swapped, self.hold = self.hold, current
            self._spawn(swapped)

    def _occupied(self, x: int, y: int) -> bool:
        if x < 0 or x >= WIDTH or y < 0 or y >= HEIGHT:
            return True
        return bool(self._rows[y] >> x & 1)

    def _tspin(self) -> str | None:
        """The 3-corner rule: a T whose last move was a rotation, with three of the four corners
        of its box occupied (walls and floor count). Full when both corners on the side it points
        to are occupied or the rotation took the last kick; otherwise mini."""
        if self.kind != "T" or not self._last_rotated:
            return None
        corners = [self._occupied(self.x + c, self.y - r) for c, r in T_CORNERS]
        if sum(corners) < 3:
            return None
        front = T_FRONT_CORNERS[self.rotation]
        if self._last_kick == 4 or all(self._occupied(self.x + c, self.y - r) for c, r in front):
            return "full"
        return "mini"

    def _lock(self) -> None:
        cells = [(self.x + c, self.y - r) for c, r in CELLS[self.kind][self.rotation]]
        spin = self._tspin()
        for x, y in cells:
            self._rows[y] |= 1 << x
            self._colors[y][x] = self.kind
        full = [y for y in sorted({y for _, y in cells}, reverse=True) if self._rows[y] == FULL_ROW]
        for y in full:  # from the top down, so the indices below stay valid
            del self._rows[y]
            del self._colors[y]
            self._rows.append(0)
            self._colors.append(["."] * WIDTH)
        cleared = len(full)
        if spin == "mini" and cleared == 3:
            spin = "full"  # no mini T-spin clears three lines
        if spin == "full":
            points = TSPIN_POINTS[cleared]
        elif spin == "mini":
            points = MINI_TSPIN_POINTS[cleared]
        else:
            points = LINE_POINTS[cleared]
        level = self.level
        if cleared:
            difficult = cleared == 4 or spin is not None
            points *= level
            if difficult and self.back_to_back:
                points = points * 3 // 2
            self.back_to_back = difficult
            self.combo += 1
            if self.combo > 0:
                points += COMBO_POINTS * self.combo * level
        else:
            points *= level
            self.combo = -1
        if spin == "full":
            self.tspins += 1
        elif spin == "mini":
            self.mini_tspins += 1
        self.score += points
        self.lines += cleared
        self.level = min(MAX_LEVEL, 1 + self.lines // LINES_PER_LEVEL)
        self.pieces += 1
        if all(y >= VISIBLE_HEIGHT for _, y in cells):
            self.over = True  # lock out: the piece stayed entirely above the visible field
            return
        self._hold_used = False
        self._spawn(self._take())

    def _apply(self, action: str) -> None:
        if action == "L+" or action == "R+":
            held = self._left if action == "L+" else self._right
            if held:
                raise InvalidLog("key_already_pressed")
            direction = -1 if action == "L+" else 1
            if direction < 0:
                self._left = True
            else:
                self._right = True
            self._shift = direction
            self._das = 0
            self._try_shift(direction)
        elif action == "L-" or action == "R-":
            left = action == "L-"
            if not (self._left if left else self._right):
                raise InvalidLog("key_not_pressed")
            if left:
                self._left = False
            else:
                self._right = False
            if self._shift == (-1 if left else 1):
                other_held = self._right if left else self._left
                self._shift = (1 if left else -1) if other_held else 0
                self._das = 0
        elif action == "D+":
            if self._soft:
                raise InvalidLog("key_already_pressed")
            self._soft = True
        elif action == "D-":
            if not self._soft:
                raise InvalidLog("key_not_pressed")
            self._soft = False
        elif action == "CW":
            self._rotate(1)
        elif action == "CCW":
            self._rotate(-1)
        elif action == "HD":
            self._hard_drop()
        elif action == "HOLD":
            self._hold()
        else:
            raise InvalidLog("unknown_action")

    def _gravity(self) -> int:
        per_tick = GRAVITY[self.level]
        return min(per_tick * SOFT_DROP_FACTOR, MAX_GRAVITY) if self._soft else per_tick

    def is_held(self, key: str) -> bool:
        """Whether L, R or D is held down: a client must not press it again before release."""
        return {"L": self._left, "R": self._right, "D": self._soft}[key]

    def apply(self, action: str) -> None:
        """One input, at the current tick, before the tick's automatic phases."""
        if self.over:
            raise InvalidLog("input_after_game_over")
        self._apply(action)

    def finish_tick(self) -> None:
        """The tick's automatic phases after its inputs: auto-shift, gravity, lock delay."""
        if not self.over:
            self._auto_shift()
            self._fall()
            if self._grounded():
                self._lock_timer += 1
                if self._lock_timer >= LOCK_DELAY:
                    self._lock()
        self.tick += 1

    def step(self, actions: Iterable[str] = ()) -> None:
        """One tick: the inputs of this tick in order, then auto-shift, gravity and lock delay."""
        for action in actions:
            self.apply(action)
        self.finish_tick()

    def _auto_shift(self) -> None:
        if self._shift:
            self._das += 1
            if self._das >= DAS and (self._das - DAS) % ARR == 0:
                self._try_shift(self._shift)

    def _fall(self) -> None:
        if self._grounded():
            self._gravity_acc = 0
            return
        self._gravity_acc += self._gravity()
        rows = self._gravity_acc >> 16
        self._gravity_acc &= G - 1
        if rows:
            rows = min(rows, self._drop_distance())
            self.y -= rows
            if self._soft:
                self.score += rows
            self._last_rotated = False
            if self.y < self._lowest:
                self._lowest = self.y
                self._resets = MAX_RESETS
                self._lock_timer = 0

    # -- fast-forward --------------------------------------------------------------------------

    def _quiet_ticks(self, limit: int) -> int:
        """How many of the next ticks (at most `limit`) change nothing but counters: no shift
        repeat, no row of gravity and no lock fall inside them."""
        quiet = limit
        if self._shift:
            # the first j >= 1 with das + j >= DAS and (das + j - DAS) % ARR == 0
            reach = max(DAS - self._das, 1)
            behind = (self._das + reach - DAS) % ARR
            quiet = min(quiet, reach + (ARR - behind) % ARR - 1)
        if self._grounded():
            quiet = min(quiet, LOCK_DELAY - self._lock_timer - 1)
        else:
            per_tick = self._gravity()
            quiet = min(quiet, -(-(G - self._gravity_acc) // per_tick) - 1)
        return max(quiet, 0)

    def _coast(self, limit: int) -> int:
        """Fall through as many of the next ticks (at most `limit`) as pass before the piece
        lands, all at once; returns how many. Only while no shift key repeats: then nothing but
        gravity happens until the landing tick, which `step()` plays."""
        if self._shift or self._grounded():
            return 0
        per_tick = self._gravity()
        distance = self._drop_distance()
        landing = -(-(distance * G - self._gravity_acc) // per_tick)  # the tick it lands in
        ticks = min(landing - 1, limit)
        if ticks <= 0:
            return 0
        total = self._gravity_acc + per_tick * ticks
        rows, self._gravity_acc = total >> 16, total & (G - 1)
        self.tick += ticks
        if rows:
            self.y -= rows
            if self._soft:
                self.score += rows
            self._last_rotated = False
            if self.y < self._lowest:
                self._lowest = self.y
                self._resets = MAX_RESETS
                self._lock_timer = 0
        return ticks

    def advance_to(self, tick: int) -> None:
        """Play the ticks before `tick` with no input, as `step()` would one by one."""
        while self.tick < tick and not self.over:
            if self._coast(tick - self.tick):
                continue
            quiet = self._quiet_ticks(tick - self.tick)
            if quiet:
                self.tick += quiet
                if self._shift:
                    self._das += quiet
                if self._grounded():
                    self._lock_timer += quiet
                    self._gravity_acc = 0
                else:
                    self._gravity_acc += self._gravity() * quiet
            if self.tick < tick:
                self.step()

    # -- reading -------------------------------------------------------------------------------

    def snapshot(self) -> TetrisSnapshot:
        return TetrisSnapshot(
            field=["".join(row) for row in reversed(self._colors)],
            score=self.score,
            lines=self.lines,
            level=self.level,
            pieces=self.pieces,
            tick=self.tick,
            over=self.over,
            hold=self.hold,
            next=self._queue[:PREVIEW],
            current=None if self.over else Piece(self.kind, self.rotation, self.x, self.y),
            back_to_back=self.back_to_back,
            combo=self.combo,
            tspins=self.tspins,
            mini_tspins=self.mini_tspins,
        )

    def cells(self) -> set[tuple[int, int]]:
        """The falling piece's cells (for tests and renderers)."""
        return {(self.x + c, self.y - r) for c, r in CELLS[self.kind][self.rotation]}

    def filled(self) -> set[tuple[int, int]]:
        return {(x, y) for y, row in enumerate(self._rows) for x in range(WIDTH) if row >> x & 1}
