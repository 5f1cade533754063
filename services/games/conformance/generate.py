"""Write the conformance vectors: `uv run python services/games/conformance/generate.py`.

Each vector is a seed, an input log and what the Python engines make of it (the final state, or
the reason the log is refused). pytest (`services/games/tests/test_conformance.py`) and vitest
(`frontends/packages/game-engines/test/conformance.test.ts`) replay every vector and must agree.
Regenerate only when the rules change on purpose, with ENGINE_VERSION bumped; the logs come from
seeded players, so running it twice writes the same files.
"""

import copy
import json
import random
from pathlib import Path
from typing import Any

from games.engines.errors import InvalidLog
from games.engines.prng import Sfc32
from games.engines.replay import ENGINE_VERSION, GameKind, Input, replay
from games.testing import Log, Player2048, TetrisPlayer, play_2048, play_piece, play_tetris

HERE = Path(__file__).resolve().parent
SEEDS = [
    "00000000000000000000000000000000",
    "00000000000000000000000000000001",
    "ffffffffffffffffffffffffffffffff",
    "0123456789abcdef0123456789abcdef",
    "9e3779b97f4a7c15f39cc0605cedc834",
]


def _seed(rng: random.Random) -> str:
    return f"{rng.getrandbits(128):032x}"


def vector(
    name: str,
    game: GameKind,
    seed: str,
    inputs: list[Input],
    end_tick: int,
    field: list[str] | None = None,
) -> dict[str, Any]:
    entry: dict[str, Any] = {"name": name, "seed": seed}
    if field:
        entry["field"] = field
    entry.update(end_tick=end_tick, inputs=[list(i) for i in inputs])
    try:
        result = replay(game, seed, inputs, end_tick, field or ())
    except InvalidLog as error:
        entry["expect"] = {"error": error.reason, "index": error.index}
    else:
        entry["expect"] = {
            "score": result.score,
            "over": result.over,
            "final_state": result.final_state,
        }
    return entry


def prng_vectors() -> list[dict[str, Any]]:
    vectors = []
    for seed in SEEDS:
        rng = Sfc32(seed)
        outputs = [rng.next_u32() for _ in range(16)]
        below = [[n, rng.below(n)] for n in (1, 2, 3, 7, 10, 16, 1000, 2**20) for _ in range(4)]
        vectors.append({"seed": seed, "next_u32": outputs, "below": below})
    return vectors


def random_2048(seed: str, rng: random.Random, moves: int) -> tuple[list[Input], int]:
    player = Player2048(seed)
    for _ in range(moves):
        if player.game.over:
            break
        player.input(rng.choice("UDLR"))
        player.tick += rng.randint(0, 20)
    log = player.finish()
    return log.inputs, log.end_tick


def vectors_2048() -> list[dict[str, Any]]:
    rng = random.Random(2048)
    g = GameKind.g2048
    vectors = [vector(f"start {seed}", g, seed, [], 0) for seed in SEEDS]
    for k in range(12):
        seed = _seed(rng)
        inputs, end = random_2048(seed, rng, rng.choice([10, 50, 200, 2000]))
        vectors.append(vector(f"random moves {k}", g, seed, inputs, end))
    for k, moves in enumerate([100, 400, 1200]):
        seed = _seed(rng)
        log = play_2048(seed, moves=moves, rng=random.Random(k))
        vectors.append(vector(f"strong player, {moves} moves", g, seed, log.inputs, log.end_tick))
    # Refused logs: the reason and the input's index must match too.
    seed = _seed(rng)
    inputs, end = random_2048(seed, rng, 5000)  # long enough to lose
    vectors.append(vector("a move after the game is over", g, seed, [*inputs, (end, "L")], end + 1))
    vectors.append(vector("unknown move", g, seed, [(0, "L"), (3, "X")], 10))
    vectors.append(vector("ticks going back", g, seed, [(5, "L"), (4, "R")], 10))
    vectors.append(vector("an input at the end tick", g, seed, [(0, "L"), (10, "R")], 10))
    return vectors


def random_tetris(
    seed: str, rng: random.Random, count: int, drops: float
) -> tuple[list[Input], int]:
    """Key mashing with held keys: presses and releases in a valid order, long and short holds."""
    player = TetrisPlayer(seed)
    tick = 0
    for _ in range(count):
        if player.game.over:
            break
        key = rng.choice(["L", "R", "D", "CW", "CCW", "HD", "HOLD", "L", "R", "CW"])
        if key in ("L", "R", "D"):
            player.input(key + ("-" if player.game.is_held(key) else "+"))
        elif key != "HD" or rng.random() < drops:
            player.input(key)
        tick += rng.choice([0, 0, 1, 2, 3, 5, 8, 9, 10, 11, 12, 13, 20, 40])
        player.advance_to(tick)
    player.advance_to(tick + rng.randint(0, 300))
    log = player.finish()
    return log.inputs, log.end_tick


def _spin_attempt(player: TetrisPlayer, rotation: int, x: int, turn: str) -> bool:
    """Rotate, move to column x, soft-drop to the floor, turn, hard-drop; False if it went wrong."""
    game = player.game
    for action in {1: ["CW"], 2: ["CW", "CW"], 3: ["CCW"]}.get(rotation, []):
        player.input(action)
    while game.x != x:
        before = game.x
        key = "L" if game.x > x else "R"
        player.input(key + "+")
        player.input(key + "-")
        if game.x == before:
            return False
    player.input("D+")
    while game.y > 0 and not game.over and game._fits(game.kind, game.rotation, game.x, game.y - 1):
        player.advance_to(game.tick + 1)
    if game.over or game.kind != "T":
        return False
    player.input("D-")
    player.input(turn)
    player.input("HD")
    return True


def hunt_tspins(seed: str, *, pieces: int, rng: random.Random) -> TetrisPlayer:
    """A player that takes every T-spin it can find (by trying each way of twisting the T into
    place on a copy of the game) and otherwise plays like `play_tetris`."""
    player = TetrisPlayer(seed)
    game = player.game
    while game.pieces < pieces and not game.over:
        player.advance_to(game.tick + 6)
        if game.over:
            break
        if game.kind == "T":
            found: tuple[tuple[int, int, int], tuple[int, int, str]] | None = None
            for rotation in range(4):
                for x in range(-1, 9):
                    for turn in ("CW", "CCW"):
                        trial = copy.deepcopy(player)
                        before = trial.game
                        counts = (before.tspins, before.mini_tspins, before.lines)
                        if not _spin_attempt(trial, rotation, x, turn):
                            continue
                        after = trial.game
                        # a full T-spin beats a mini; clearing lines beats clearing none
                        gain = (
                            after.tspins - counts[0],
                            after.lines - counts[2],
                            after.mini_tspins - counts[1],
                        )
                        if (gain[0] or gain[2]) and (found is None or gain > found[0]):
                            found = (gain, (rotation, x, turn))
            if found and _spin_attempt(player, *found[1]):
                continue
        play_piece(player, rng)
    return player


T_FIRST = "00000000000000000000000000000000"  # its first piece is a T


def _puzzle(field: list[str], moves: list[str | int]) -> Log:
    """Play `moves` on `field` from the start: an action string, or an int to wait that many
    ticks, or 0 to soft-drop until the piece lands."""
    player = TetrisPlayer(T_FIRST, field)
    game = player.game
    for move in moves:
        if isinstance(move, str):
            player.input(move)
        elif move:
            player.advance_to(game.tick + move)
        else:
            player.input("D+")
            while game._fits(game.kind, game.rotation, game.x, game.y - 1):
                player.advance_to(game.tick + 1)
            player.input("D-")
    return player.finish()


def puzzles() -> list[dict[str, Any]]:
    """Set pieces on given fields: the scoring rules a random log rarely reaches."""
    t = GameKind.tetris
    taps = ["R+", "R-"]
    tsd = ["GGGG......", "GGG...GGGG", "GGGG.GGGGG"]
    tst = ["....G.....", "..........", "GGGG.GGGGG", "GGG..GGGGG", "GGGG.GGGGG"]
    wall = ["G........G"] * 6
    cases: list[tuple[str, list[str], list[str | int]]] = [
        ("t-spin double", tsd, ["CW", 8, 0, "CW", "HD"]),
        ("mini t-spin single", tsd, ["CW", 8, 0, "CCW", "HD"]),
        ("t-spin triple by the last kick", tst, [*["L+", "L-"] * 3, 0, *taps, *taps, "CCW", "HD"]),
        (
            "t-spin double, then a tetris back to back",
            [tsd[0], "GGG...GGGG", "GGGG.GGGGG", *["GGGGGGGGG."] * 4],
            ["CW", 8, 0, "CW", "HD", 10, "HD", 10, "HD", 10, "HD", 10, "CW", *taps * 4, "HD", 30],
        ),
        ("rotation at the left wall kicks", wall, [*["L+", "L-"] * 5, 20, "CW", "CW", 20, "CCW"]),
        ("rotation at the right wall kicks", wall, ["R+", 40, "R-", "CCW", "CCW", 20, "CW", 30]),
        ("lock delay restarted by moves", [], [0, *["CW", 10] * 20, "HD"]),
        ("held soft drop over several pieces", [], ["D+", 500, "D-", 600]),
        ("held shift with auto-repeat", [], ["L+", 200, "R+", 100, "R-", 100, "L-", 50]),
        ("hold and swap back", [], ["HOLD", 10, "HOLD", "HD", "HOLD", 10, "HD", 100]),
    ]
    vectors = []
    for name, field, moves in cases:
        log = _puzzle(field, moves)
        vectors.append(vector(name, t, T_FIRST, log.inputs, log.end_tick, field))
    return vectors


def vectors_tetris() -> list[dict[str, Any]]:
    rng = random.Random(1985)
    t = GameKind.tetris
    vectors = [vector(f"start {seed}", t, seed, [], 1) for seed in SEEDS]
    vectors.append(vector("gravity only, 20 seconds", t, SEEDS[3], [], 1200))
    vectors.append(vector("gravity only until it tops out", t, SEEDS[4], [], 200_000))
    for k in range(16):
        seed = _seed(rng)
        inputs, end = random_tetris(seed, rng, rng.choice([30, 150, 600]), drops=0.3)
        vectors.append(vector(f"key mashing {k}", t, seed, inputs, end))
    for k in range(2):
        seed = _seed(rng)
        player = hunt_tspins(seed, pieces=160, rng=random.Random(k))
        log = player.finish()
        vectors.append(vector(f"t-spin hunter {k}", t, seed, log.inputs, log.end_tick))
    vectors.extend(puzzles())
    for k, (pieces, pace, wait) in enumerate([(40, 8, 0), (150, 4, 5), (400, 0, 12)]):
        seed = _seed(rng)
        player = play_tetris(seed, pieces=pieces, pace=pace, wait=wait, rng=random.Random(k))
        log = player.finish()
        vectors.append(vector(f"player, {pieces} pieces", t, seed, log.inputs, log.end_tick))
    seed = _seed(rng)
    vectors.append(vector("pressing a held key", t, seed, [(0, "L+"), (3, "L+")], 10))
    vectors.append(vector("releasing a key not held", t, seed, [(0, "R-")], 10))
    vectors.append(vector("unknown action", t, seed, [(0, "SPIN")], 10))
    drops = [(tick, "HD") for tick in range(0, 400, 2)]
    vectors.append(vector("dropping after topping out", t, seed, drops, 400))
    vectors.append(vector("ticks going back", t, seed, [(9, "CW"), (8, "CW")], 10))
    vectors.append(vector("an input at the end tick", t, seed, [(10, "CW")], 10))
    return vectors


def write(name: str, body: dict[str, Any], vectors: list[dict[str, Any]]) -> None:
    """One vector per line: readable diffs, and still one JSON document."""
    head = json.dumps(body, ensure_ascii=False)[:-1]
    lines = ",\n".join(json.dumps(v, separators=(",", ":")) for v in vectors)
    (HERE / name).write_text(f'{head}, "vectors": [\n{lines}\n]}}\n')


def main() -> None:
    common = {
        "engine_version": ENGINE_VERSION,
        "generated_by": "services/games/conformance/generate.py",
    }
    write("prng.json", {"algorithm": "sfc32", **common}, prng_vectors())
    write("2048.json", {"game": "2048", **common}, vectors_2048())
    write("tetris.json", {"game": "tetris", **common}, vectors_tetris())


if __name__ == "__main__":
    main()
