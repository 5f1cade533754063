"""2048's rules, its edge cases, and properties that hold for every game."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from games.engines.errors import InvalidLog
from games.engines.game2048 import LINES, Game2048, slide_line
from games.engines.prng import InvalidSeed, Sfc32

SEED = "0123456789abcdef0123456789abcdef"
seeds = st.integers(min_value=0, max_value=2**128 - 1).map(lambda n: f"{n:032x}")
moves = st.lists(st.sampled_from("UDLR"), max_size=300)


def tile_sum(game: Game2048) -> int:
    return sum(1 << e for e in game.cells if e)


@pytest.mark.parametrize(
    ("line", "slid", "points"),
    [
        ((1, 1, 1, 1), (2, 2, 0, 0), 8),  # [2,2,2,2] -> [4,4]
        ((2, 2, 3, 0), (3, 3, 0, 0), 8),  # [4,4,8] -> [8,8]: the new 8 does not merge again
        ((1, 1, 1, 0), (2, 1, 0, 0), 4),  # the pair nearest the wall merges first
        ((0, 1, 0, 1), (2, 0, 0, 0), 4),  # gaps close before merging
        ((3, 2, 1, 1), (3, 2, 2, 0), 4),  # [8,4,2,2] -> [8,4,4]: no chain reaction
        ((1, 2, 3, 4), (1, 2, 3, 4), 0),  # nothing to do
        ((10, 10, 0, 0), (11, 0, 0, 0), 2048),
    ],
)
def test_a_line_slides_toward_the_wall_merging_each_tile_at_most_once(
    line: tuple[int, int, int, int], slid: tuple[int, int, int, int], points: int
) -> None:
    assert slide_line(line) == (slid, points)


def test_a_move_that_changes_nothing_spawns_nothing() -> None:
    game = Game2048(SEED)
    game.cells = [1, 2, 3, 4, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]
    assert game.move("U") is False
    assert game.cells[4:] == [0] * 12
    assert game.moves == 0


def test_reaching_2048_wins_and_play_goes_on() -> None:
    game = Game2048(SEED)
    game.cells = [10, 10, 0, 0, *[0] * 12]
    assert game.move("L")
    assert game.won and not game.over
    assert game.score == 2048
    assert game.move("R") or game.move("D")  # the game is not over


def test_the_game_ends_when_no_move_changes_the_board_and_refuses_more_moves() -> None:
    game = Game2048(SEED)
    # one empty cell; whatever spawns there, no neighbours are equal afterwards
    game.cells = [1, 2, 1, 2, 2, 1, 2, 1, 3, 5, 3, 5, 4, 6, 7, 0]
    assert game.move("R")
    assert game.over
    assert not game.can_move()
    with pytest.raises(InvalidLog) as error:
        game.move("L")
    assert error.value.reason == "input_after_game_over"


def test_an_unknown_move_is_refused() -> None:
    with pytest.raises(InvalidLog) as error:
        Game2048(SEED).move("X")
    assert error.value.reason == "unknown_action"


def test_seeds_are_32_lower_case_hex_digits() -> None:
    for bad in ("", "0" * 31, "0" * 33, "G" * 32, "A" * 32):
        with pytest.raises(InvalidSeed):
            Sfc32(bad)


def test_the_generator_stays_in_range_and_below_is_uniform_enough() -> None:
    rng = Sfc32(SEED)
    counts = [0] * 10
    for _ in range(20_000):
        counts[rng.below(10)] += 1
    assert all(1_800 < c < 2_200 for c in counts)
    assert all(0 <= rng.next_u32() < 2**32 for _ in range(1000))


@settings(max_examples=150, deadline=None)
@given(seed=seeds, moves=moves)
def test_the_tile_sum_grows_only_by_the_spawned_tile(seed: str, moves: list[str]) -> None:
    game = Game2048(seed)
    assert sorted(e for e in game.cells if e) in ([1, 1], [1, 2], [2, 2])
    for move in moves:
        if game.over:
            break
        before = tile_sum(game)
        empty_before = [i for i, e in enumerate(game.cells) if not e]
        if game.move(move):
            assert tile_sum(game) - before in (2, 4)  # merges keep the sum, the spawn adds 2 or 4
        else:
            assert tile_sum(game) == before
            assert [i for i, e in enumerate(game.cells) if not e] == empty_before


@settings(max_examples=100, deadline=None)
@given(seed=seeds, moves=moves)
def test_a_new_tile_appears_only_in_a_cell_the_move_left_empty(seed: str, moves: list[str]) -> None:
    game = Game2048(seed)
    for move in moves:
        if game.over:
            break
        slid = list(game.cells)
        for line in LINES[move]:
            new, _ = slide_line((slid[line[0]], slid[line[1]], slid[line[2]], slid[line[3]]))
            for index, value in zip(line, new, strict=True):
                slid[index] = value
        if game.move(move):
            spawned = [i for i in range(16) if game.cells[i] != slid[i]]
            assert len(spawned) == 1
            assert slid[spawned[0]] == 0 and game.cells[spawned[0]] in (1, 2)
