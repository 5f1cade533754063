"""What it costs the server to verify a game: replaying its input log.

    uv run python bench/games_replay.py [--repeat 30]

Two long games are played first by the seeded players of `games.testing` (the logs are the same
on every run): a 2048 game of 5,000 board-changing moves and a Tetris game of 1,000 pieces that
climbs to 20G. Each log is then replayed `--repeat` times, and reported:

- the replay itself (`games.engines.replay.replay`: log rules, engine, final state);
- parsing and validating the finish request's JSON body (`SessionFinish`), which the server does
  before it replays;
- for Tetris, the same replay stepping every tick instead of jumping over quiet ones: the ratio
  shows what the fast-forward buys;
- a slower Tetris game at a child's pace (a key every 8-12 ticks, the piece left to fall for
  40-60 ticks), where gravity rather than keys moves the pieces, until it tops out.

Single-threaded CPU time on one core; results go to bench/RESULTS.md by hand, with the machine.
"""

import argparse
import json
import platform
import random
import statistics
import time
from collections.abc import Callable
from pathlib import Path

from games.engines.replay import GameKind, replay
from games.engines.tetris import Tetris
from games.sessions.schemas import SessionFinish
from games.testing import Log, play_2048, play_tetris

SEED_2048 = "9e3779b97f4a7c15f39cc0605cedc834"
SEED_TETRIS = "0123456789abcdef0123456789abcdef"


def timings(run: Callable[[], object], repeat: int) -> dict[str, float]:
    run()  # warm caches (2048's line table, imports)
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        samples.append((time.perf_counter() - start) * 1000)
    samples.sort()
    return {
        "min": samples[0],
        "median": statistics.median(samples),
        "p95": samples[max(0, round(len(samples) * 0.95) - 1)],
    }


def step_every_tick(seed: str, log: Log) -> Tetris:
    game = Tetris(seed)
    index = 0
    while game.tick < log.end_tick and not game.over:
        actions = []
        while index < len(log.inputs) and log.inputs[index][0] == game.tick:
            actions.append(log.inputs[index][1])
            index += 1
        game.step(actions)
    return game


def row(name: str, t: dict[str, float]) -> str:
    return f"| {name} | {t['min']:.1f} | {t['median']:.1f} | {t['p95']:.1f} |"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=30)
    args = parser.parse_args()

    log_2048 = play_2048(SEED_2048, moves=5000, rng=random.Random(1))
    tetris_player = play_tetris(SEED_TETRIS, pieces=1000, pace=0, wait=14, rng=random.Random(1))
    log_tetris = tetris_player.finish()
    g = tetris_player.game
    slow_player = play_tetris(SEED_TETRIS, pieces=1000, pace=8, wait=40, rng=random.Random(1))
    log_slow = slow_player.finish()
    body_2048 = json.dumps({**log_2048.as_json(), "claimed_score": 0})
    body_tetris = json.dumps({**log_tetris.as_json(), "claimed_score": 0})

    result_2048 = replay(GameKind.g2048, SEED_2048, log_2048.inputs, log_2048.end_tick)
    print(f"python {platform.python_version()} on {platform.machine()}")
    print(
        f"2048: {len(log_2048.inputs)} moves, score {result_2048.score}, "
        f"max tile {result_2048.stats['max_tile']}, body {len(body_2048) / 1024:.0f} KiB"
    )
    print(
        f"tetris: {g.pieces} pieces, {g.lines} lines, level {g.level}, {len(log_tetris.inputs)} "
        f"inputs over {log_tetris.end_tick} ticks, body {len(body_tetris) / 1024:.0f} KiB"
    )
    print(
        f"tetris at a child's pace: {slow_player.game.pieces} pieces, "
        f"{len(log_slow.inputs)} inputs over {log_slow.end_tick} ticks"
    )
    replay_2048 = timings(
        lambda: replay(GameKind.g2048, SEED_2048, log_2048.inputs, log_2048.end_tick), args.repeat
    )
    replay_tetris = timings(
        lambda: replay(GameKind.tetris, SEED_TETRIS, log_tetris.inputs, log_tetris.end_tick),
        args.repeat,
    )
    replay_slow = timings(
        lambda: replay(GameKind.tetris, SEED_TETRIS, log_slow.inputs, log_slow.end_tick),
        args.repeat,
    )
    stepped = timings(lambda: step_every_tick(SEED_TETRIS, log_tetris), max(3, args.repeat // 5))
    parse_2048 = timings(lambda: SessionFinish.model_validate_json(body_2048), args.repeat)
    parse_tetris = timings(lambda: SessionFinish.model_validate_json(body_tetris), args.repeat)
    print()
    print("| ms | min | median | p95 |")
    print("|---|---|---|---|")
    print(row("2048, 5,000 moves: replay", replay_2048))
    print(row("2048: parse and validate the body", parse_2048))
    print(row("Tetris, 1,000 pieces: replay", replay_tetris))
    print(row("Tetris: parse and validate the body", parse_tetris))
    print(row("Tetris: replay stepping every tick", stepped))
    print(row("Tetris at a child's pace: replay", replay_slow))
    print()
    print(f"fast-forward speed-up: {stepped['median'] / replay_tetris['median']:.1f}x")
    target = Path(__file__).resolve().parent / "out"
    target.mkdir(exist_ok=True)
    (target / "games_replay.json").write_text(
        json.dumps(
            {
                "2048_replay": replay_2048,
                "2048_parse": parse_2048,
                "tetris_replay": replay_tetris,
                "tetris_parse": parse_tetris,
                "tetris_stepped": stepped,
                "tetris_slow_replay": replay_slow,
            },
            indent=1,
        )
    )


if __name__ == "__main__":
    main()
