"""The conformance vectors: the engines replay every one exactly as recorded.

The same files run under vitest against the TypeScript engines
(frontends/packages/game-engines/test/conformance.test.ts): both sides agreeing with these is what
lets the server trust nothing but the replay.
"""

import json
from pathlib import Path
from typing import Any

import pytest

from games.engines.errors import InvalidLog
from games.engines.prng import Sfc32
from games.engines.replay import ENGINE_VERSION, GameKind, replay

VECTORS = Path(__file__).resolve().parents[1] / "conformance"


def load(name: str) -> dict[str, Any]:
    body: dict[str, Any] = json.loads((VECTORS / name).read_text())
    return body


def cases(name: str) -> list[Any]:
    return [pytest.param(v, id=v["name"]) for v in load(name)["vectors"]]


@pytest.mark.parametrize(
    "vector", [pytest.param(v, id=v["seed"]) for v in load("prng.json")["vectors"]]
)
def test_the_generator_gives_the_recorded_stream(vector: dict[str, Any]) -> None:
    rng = Sfc32(vector["seed"])
    assert [rng.next_u32() for _ in vector["next_u32"]] == vector["next_u32"]
    assert [[n, rng.below(n)] for n, _ in vector["below"]] == vector["below"]


@pytest.mark.parametrize("name", ["prng.json", "2048.json", "tetris.json"])
def test_the_vectors_are_for_this_engine_version(name: str) -> None:
    assert load(name)["engine_version"] == ENGINE_VERSION


def check(game: GameKind, vector: dict[str, Any]) -> None:
    inputs = [(tick, action) for tick, action in vector["inputs"]]
    expect = vector["expect"]

    def run() -> dict[str, Any]:
        result = replay(game, vector["seed"], inputs, vector["end_tick"], vector.get("field", ()))
        actual = {"score": result.score, "over": result.over, "final_state": result.final_state}
        return dict(json.loads(json.dumps(actual)))

    if "error" in expect:
        with pytest.raises(InvalidLog) as error:
            run()
        assert {"error": error.value.reason, "index": error.value.index} == expect
    else:
        assert run() == expect


@pytest.mark.parametrize("vector", cases("2048.json"))
def test_2048_vectors(vector: dict[str, Any]) -> None:
    check(GameKind.g2048, vector)


@pytest.mark.parametrize("vector", cases("tetris.json"))
def test_tetris_vectors(vector: dict[str, Any]) -> None:
    check(GameKind.tetris, vector)
