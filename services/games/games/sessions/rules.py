"""The published rules around a replay: what a log may contain, what a game earns.

docs/games.md §6 and §7 state them for players, parents and other implementations.
"""

import itertools
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Final

from games.engines.replay import GameKind, Input
from games.engines.tetris import TICKS_PER_SECOND

MAX_INPUTS: Final = 200_000
MAX_TICKS: Final = 24 * 3600 * TICKS_PER_SECOND  # no session lives a day (see the settings)
# Key presses (not releases) within any one second; the fastest people stay well below.
PRESSES_PER_SECOND: Final = {GameKind.g2048: 15, GameKind.tetris: 20}
RELEASES: Final = frozenset({"L-", "R-", "D-"})
# A flag, not a refusal: at least this many presses, and this share of the gaps between them the
# very same number of ticks, is the rhythm of a script, not of a child.
ROBOTIC_MIN_PRESSES: Final = 100
ROBOTIC_SAME_GAP_SHARE: Final = 0.8

# Rewards: coins = score / divisor, at most 20 a game (the earlier system's rates, kept); XP at
# five times the coin rate, at most 100. Below a minimum of play a game earns nothing.
COIN_DIVISOR: Final = {GameKind.g2048: 400, GameKind.tetris: 100}
MAX_COINS: Final = 20
XP_PER_COIN: Final = 5
MAX_XP: Final = 100
MINIMUM_PLAY: Final = {GameKind.g2048: ("moves", 10), GameKind.tetris: ("pieces", 5)}


def presses(inputs: Sequence[Input]) -> list[int]:
    return [tick for tick, action in inputs if action not in RELEASES]


def too_fast(game: GameKind, inputs: Sequence[Input]) -> bool:
    """More presses within some 60 consecutive ticks than a person makes in a second."""
    ticks = presses(inputs)
    limit = PRESSES_PER_SECOND[game]
    first = 0
    for last, tick in enumerate(ticks):
        while ticks[first] <= tick - TICKS_PER_SECOND:
            first += 1
        if last - first + 1 > limit:
            return True
    return False


def robotic(inputs: Sequence[Input]) -> bool:
    ticks = presses(inputs)
    if len(ticks) < ROBOTIC_MIN_PRESSES:
        return False
    gaps: dict[int, int] = {}
    for before, after in itertools.pairwise(ticks):
        if after > before:
            gaps[after - before] = gaps.get(after - before, 0) + 1
    return max(gaps.values(), default=0) >= ROBOTIC_SAME_GAP_SHARE * (len(ticks) - 1)


@dataclass(frozen=True)
class Reward:
    coins: int
    xp: int


def reward(game: GameKind, score: int, stats: dict[str, Any]) -> Reward:
    """What a verified game earns by the formula, before the daily coin cap."""
    measure, minimum = MINIMUM_PLAY[game]
    if stats.get(measure, 0) < minimum:
        return Reward(0, 0)
    divisor = COIN_DIVISOR[game]
    coins = min(MAX_COINS, score // divisor)
    xp = min(MAX_XP, score * XP_PER_COIN // divisor)
    return Reward(coins, xp)
