"""Tetris's rules (SRS kicks, T-spins, lock delay, scoring, top-out) and what always holds."""

import copy
import functools

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from games.engines.errors import InvalidLog
from games.engines.tetris import (
    ARR,
    DAS,
    KINDS,
    LOCK_DELAY,
    MAX_RESETS,
    Tetris,
)

TSD_FIELD = ["GGGG......", "GGG...GGGG", "GGGG.GGGGG"]
TST_FIELD = ["....G.....", "..........", "GGGG.GGGGG", "GGG..GGGGG", "GGGG.GGGGG"]


@functools.cache
def seed_starting_with(kind: str) -> str:
    """A seed whose first piece is `kind`."""
    for n in range(10_000):
        seed = f"{n:032x}"
        if Tetris(seed).kind == kind:
            return seed
    raise AssertionError(kind)


def game_with(kind: str, field: list[str] | None = None) -> Tetris:
    return Tetris(seed_starting_with(kind), field or [])


def tap(game: Tetris, key: str, times: int = 1) -> None:
    for _ in range(times):
        game.apply(key + "+")
        game.apply(key + "-")


def soft_drop_to_floor(game: Tetris) -> None:
    game.apply("D+")
    while game.cells() and not game._grounded():
        game.finish_tick()
    game.apply("D-")


def test_every_seven_pieces_are_one_of_each() -> None:
    game = Tetris("0123456789abcdef0123456789abcdef")
    sequence = [game.kind] + [game._take() for _ in range(699)]
    for start in range(0, 700, 7):
        assert sorted(sequence[start : start + 7]) == sorted(KINDS)
    assert len(set(map(tuple, (sequence[i : i + 7] for i in range(0, 700, 7))))) > 50


def test_pieces_spawn_at_the_top_centre_and_drop_one_row_at_once() -> None:
    game = game_with("T")
    assert game.cells() == {(4, 20), (3, 19), (4, 19), (5, 19)}
    assert game_with("I").cells() == {(3, 19), (4, 19), (5, 19), (6, 19)}
    assert game_with("O").cells() == {(4, 20), (5, 20), (4, 19), (5, 19)}


def test_the_i_piece_kicks_off_the_left_wall() -> None:
    game = game_with("I")
    game.apply("CCW")  # vertical, in the box's second column
    tap(game, "L", 6)
    assert {x for x, _ in game.cells()} == {0}
    game.apply("CW")  # back to flat: it would stick out of the wall, so SRS kicks it right
    assert game.rotation == 0
    assert {x for x, _ in game.cells()} == {0, 1, 2, 3}


def test_the_t_piece_kicks_off_the_right_wall() -> None:
    game = game_with("T")
    game.apply("CCW")  # pointing left: its stem is in the box's middle column
    tap(game, "R", 6)
    assert max(x for x, _ in game.cells()) == 9
    game.apply("CW")  # back to pointing up would need column 10
    assert game.rotation == 0
    assert max(x for x, _ in game.cells()) == 9


def test_a_rotation_with_no_room_anywhere_fails_and_changes_nothing() -> None:
    field = ["GGG...GGGG"] * 18  # a 3-wide shaft: a vertical I fits, a flat one never does
    game = game_with("I", field)
    game.apply("CW")
    soft_drop_to_floor(game)
    before = game.cells()
    game.apply("CW")
    game.apply("CCW")
    assert game.cells() == before


def test_a_t_spin_double_scores_1200_times_the_level() -> None:
    game = game_with("T", TSD_FIELD)
    game.apply("CW")
    soft_drop_to_floor(game)
    before = game.score
    game.apply("CW")
    game.apply("HD")
    assert game.lines == 2
    assert (game.tspins, game.mini_tspins) == (1, 0)
    assert game.score - before == 1200
    assert game.back_to_back


def test_a_mini_t_spin_single_scores_200() -> None:
    game = game_with("T", TSD_FIELD)
    game.apply("CW")
    soft_drop_to_floor(game)
    before = game.score
    game.apply("CCW")  # three corners occupied, but not both in front of the T
    game.apply("HD")
    assert (game.lines, game.tspins, game.mini_tspins) == (1, 0, 1)
    assert game.score - before == 200


def test_a_t_spin_triple_through_the_last_kick_is_a_full_t_spin() -> None:
    game = game_with("T", TST_FIELD)
    tap(game, "L", 3)
    soft_drop_to_floor(game)
    tap(game, "R", 2)  # slide under the roof
    before = game.score
    game.apply("CCW")
    assert game._last_kick == 4
    game.apply("HD")
    assert (game.lines, game.tspins) == (3, 1)
    assert game.score - before == 1600


def test_three_corners_without_a_last_rotation_are_no_t_spin() -> None:
    game = game_with("T", ["G.........", ".........."])
    tap(game, "L", 2)  # flat, its box over columns 1..3
    soft_drop_to_floor(game)
    tap(game, "L")  # slides under the block: three corners occupied, but it came by a shift
    game.apply("HD")
    assert (game.tspins, game.mini_tspins) == (0, 0)


def drop_i_into_the_right_well(game: Tetris) -> int:
    """Force an I piece, stand it up over column 9 and hard-drop it; the points it earned."""
    game._spawn("I")
    game.apply("CW")
    tap(game, "R", 4)
    before, distance = game.score, game._drop_distance()
    game.apply("HD")
    return game.score - before - 2 * distance


def test_a_tetris_scores_800_and_the_next_one_back_to_back_1200() -> None:
    game = game_with("I", ["GGGGGGGGG."] * 8)
    assert drop_i_into_the_right_well(game) == 800
    assert drop_i_into_the_right_well(game) == 1200 + 50  # ×1.5, plus a combo of 1


@pytest.mark.parametrize(("cleared", "points"), [(1, 100), (2, 300), (3, 500), (4, 800)])
def test_line_clears_score_the_guideline_points_times_the_level_before_the_clear(
    cleared: int, points: int
) -> None:
    game = game_with("I", ["GGGGGGGGG."] * cleared)
    game.lines, game.level = 29, 3
    assert drop_i_into_the_right_well(game) == points * 3
    assert game.level == 4


def test_consecutive_clears_earn_a_growing_combo_bonus() -> None:
    game = game_with("I", ["GGGGGG...."] * 3)
    gains = []
    for _ in range(3):
        game._spawn("I")
        tap(game, "R", 3)
        before, distance = game.score, game._drop_distance()
        game.apply("HD")
        gains.append(game.score - before - 2 * distance)
    assert gains == [100, 100 + 50, 100 + 100]
    game.apply("HD")  # a lock that clears nothing ends the combo
    assert game.combo == -1


def test_soft_drop_scores_one_point_a_row_and_hard_drop_two() -> None:
    game = game_with("O")
    start = game.y
    game.apply("D+")
    for _ in range(30):
        game.finish_tick()
    fallen = start - game.y
    assert fallen > 0 and game.score == fallen
    distance = game.y - 1
    game.apply("HD")
    assert game.score == fallen + 2 * distance


def test_a_piece_locks_after_the_lock_delay_on_the_ground() -> None:
    game = game_with("O")
    soft_drop_to_floor(game)
    grounded_ticks = 0
    while game.pieces == 0:
        game.finish_tick()
        grounded_ticks += 1
    assert grounded_ticks == LOCK_DELAY - 1  # the landing tick counted one already


def test_moves_restart_the_lock_delay_at_most_15_times() -> None:
    game = game_with("O")
    soft_drop_to_floor(game)
    for _ in range(MAX_RESETS):
        for _ in range(LOCK_DELAY - 5):
            game.finish_tick()
        tap(game, "L" if game.x > 3 else "R")
        assert game.pieces == 0
    for _ in range(LOCK_DELAY):
        game.finish_tick()
        if game.pieces:
            break
    assert game.pieces == 1  # the 16th move no longer restarts it


def test_holding_a_shift_key_repeats_after_das_every_arr_ticks() -> None:
    game = game_with("O")
    start = game.x
    game.apply("L+")
    assert game.x == start - 1
    positions = []
    for _ in range(DAS + 2 * ARR):
        game.finish_tick()
        positions.append(game.x)
    assert positions[DAS - 2] == start - 1  # not yet repeating
    assert positions[DAS - 1] == start - 2  # first repeat
    assert positions[DAS - 1 + ARR] == start - 3


def test_hold_works_once_per_piece() -> None:
    game = game_with("T")
    nxt = game._queue[0]
    game.apply("HOLD")
    assert game.hold == "T" and game.kind == nxt
    game.apply("HOLD")  # ignored until the piece locks
    assert game.hold == "T" and game.kind == nxt
    game.apply("HD")
    game.apply("HOLD")
    assert game.kind == "T"


def test_gravity_speeds_up_with_the_level() -> None:
    slow = game_with("O")
    start = slow.y
    for _ in range(60):
        slow.finish_tick()
    assert slow.y == start  # level 1: 1092/65536 rows a tick, a row every 60.02 ticks
    slow.finish_tick()
    assert slow.y == start - 1
    fast = game_with("O")
    fast.lines, fast.level = 190, 20
    fast.finish_tick()
    assert fast._grounded()  # 20G: on the floor in one tick


def test_levels_go_up_every_ten_lines() -> None:
    game = game_with("I", ["GGGGGGGGG."] * 4)
    game.lines = 8
    drop_i_into_the_right_well(game)
    assert (game.lines, game.level) == (12, 2)


def test_a_piece_that_cannot_spawn_ends_the_game() -> None:
    blocked = ["..........", "...GGG....", *["G........."] * 20]
    game = Tetris(seed_starting_with("T"), blocked)
    assert game.over
    with pytest.raises(InvalidLog) as error:
        game.apply("HD")
    assert error.value.reason == "input_after_game_over"


def test_a_piece_locked_above_the_visible_field_ends_the_game() -> None:
    tower = ["GGGGGGGGG."] * 20
    game = game_with("O", tower)
    game.apply("HD")
    assert game.over
    assert game.pieces == 1


def test_pressing_a_held_key_or_releasing_a_free_one_is_refused() -> None:
    game = game_with("T")
    game.apply("L+")
    with pytest.raises(InvalidLog) as pressed:
        game.apply("L+")
    assert pressed.value.reason == "key_already_pressed"
    with pytest.raises(InvalidLog) as released:
        game.apply("D-")
    assert released.value.reason == "key_not_pressed"


seeds = st.integers(min_value=0, max_value=2**128 - 1).map(lambda n: f"{n:032x}")
events = st.lists(
    st.tuples(
        st.sampled_from([0, 0, 1, 2, 5, 9, 10, 11, 12, 30, 31, 60, 200]),
        st.sampled_from(["L", "R", "D", "CW", "CCW", "HD", "HOLD", "CW", "CCW"]),
    ),
    max_size=120,
)


def valid_actions(game: Tetris, key: str) -> str:
    if key in ("L", "R", "D"):
        return key + ("-" if game.is_held(key) else "+")
    return key


@settings(max_examples=120, deadline=None)
@given(seed=seeds, script=events)
def test_the_falling_piece_never_overlaps_the_field(
    seed: str, script: list[tuple[int, str]]
) -> None:
    game = Tetris(seed)
    for wait, key in script:
        for _ in range(wait):
            if game.over:
                return
            game.finish_tick()
            if game.over:  # a piece that could not spawn stays where it would have been
                return
            assert not (game.cells() & game.filled())
            assert all(0 <= x < 10 and 0 <= y < 40 for x, y in game.cells())
        if game.over:
            return
        game.apply(valid_actions(game, key))
        if not game.over:
            assert not (game.cells() & game.filled())


@settings(max_examples=120, deadline=None)
@given(seed=seeds, script=events, tail=st.integers(min_value=0, max_value=3000))
def test_fast_forward_is_exactly_stepping_tick_by_tick(
    seed: str, script: list[tuple[int, str]], tail: int
) -> None:
    stepped = Tetris(seed)
    jumped = Tetris(seed)
    for wait, key in script:
        for _ in range(wait):
            if not stepped.over:
                stepped.finish_tick()
        jumped.advance_to(jumped.tick + wait)
        assert stepped.snapshot() == jumped.snapshot() or stepped.over
        if stepped.over:
            return
        action = valid_actions(stepped, key)
        stepped.apply(action)
        jumped.apply(action)
    target = stepped.tick + tail
    while stepped.tick < target and not stepped.over:
        stepped.finish_tick()
    jumped.advance_to(target)
    assert stepped.snapshot() == jumped.snapshot()


def test_a_copy_of_a_game_plays_on_identically() -> None:
    game = Tetris(seed_starting_with("T"))
    twin = copy.deepcopy(game)
    for actions in (["L+"], [], ["L-", "CW"], ["HD"], ["HOLD"], ["D+"], [], ["D-", "HD"]):
        game.step(actions)
        twin.step(actions)
    assert game.snapshot() == twin.snapshot()
