"""Tracing: stroke data for every letter, the checker, and a trace recorded (and counted by the
schedule) only when the server's own check of the strokes passes."""

import random
from typing import Any

import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from alif.kernel.models import Role
from alif.testing import Actor, LoginAs
from harf.alphabets import service as alphabets
from harf.alphabets.schemas import AlphabetCode
from harf.exercises import generate, tracing
from harf.exercises.models import Mastery
from harf.exercises.schemas import ExerciseKind

EVERY_LETTER = [
    (code, number)
    for code in AlphabetCode
    for number in range(1, len(alphabets.alphabet(code).letters) + 1)
]


def wobbly(strokes: list[tracing.Stroke], rng: random.Random, by: float) -> list[tracing.Stroke]:
    """A hand's trace: the path, densely, each point off by up to `by`."""
    return [
        [(x + rng.uniform(-by, by), y + rng.uniform(-by, by)) for x, y in tracing.resample(s, 0.03)]
        for s in strokes
    ]


@pytest.mark.parametrize(("code", "number"), EVERY_LETTER)
def test_every_letter_can_be_traced_and_a_missing_stroke_fails(
    code: AlphabetCode, number: int
) -> None:
    strokes = tracing.letter_strokes(code, number)
    assert strokes is not None
    assert ExerciseKind.trace in generate.kinds(code, number)
    rng = random.Random(number)
    assert tracing.check(strokes, wobbly(strokes, rng, 0.07))
    if len(strokes) > 1:
        assert not tracing.check(strokes, wobbly(strokes[:-1], rng, 0.02))
        assert not tracing.check(strokes, wobbly(strokes[1:], rng, 0.02))


def test_a_scribble_a_line_or_another_letter_is_not_a_trace() -> None:
    a = tracing.letter_strokes(AlphabetCode.uz_latn, 1)  # A
    b = tracing.letter_strokes(AlphabetCode.uz_latn, 2)  # B
    assert a is not None and b is not None
    assert not tracing.check(a, [])
    assert not tracing.check(a, [[(0, 1), (0.8, 0)]])
    scribble = [[(x / 10, y / 10) for x in range(11) for y in range(11)]]
    assert not tracing.check(a, scribble)  # covers the A, and everything else too
    assert not tracing.check(a, b)
    assert not tracing.check(a, [[(x + 3, y) for x, y in s] for s in a])  # beside the box


def test_a_digraph_is_traced_glyph_after_glyph() -> None:
    sh = (
        alphabets.alphabet(AlphabetCode.uz_latn).letters.index(
            next(
                letter
                for letter in alphabets.alphabet(AlphabetCode.uz_latn).letters
                if letter.upper == "Sh"
            )
        )
        + 1
    )
    strokes = tracing.letter_strokes(AlphabetCode.uz_latn, sh)
    s_only = tracing.data().glyphs["S"].strokes
    assert strokes is not None and len(strokes) == len(s_only) + 2
    assert max(x for stroke in strokes for x, _ in stroke) > 1  # the h stands right of the S


async def give_trace(actor: Actor, number: int = 1) -> dict[str, Any]:
    response = await actor.post(
        f"/api/harf/alphabets/uz-Latn/letters/{number}/exercises", params={"kind": "trace"}
    )
    assert response.status_code == 201, response.text
    return response.json()  # type: ignore[no-any-return]


async def mastery_of(db: AsyncSession, actor: Actor, number: int) -> Mastery | None:
    found: Mastery | None = await db.scalar(
        select(Mastery)
        .where(Mastery.user_id == actor.user.id, Mastery.letter == number)
        .execution_options(populate_existing=True)
    )
    return found


async def test_a_trace_is_checked_on_the_server_recorded_once_and_counted(
    login_as: LoginAs, db_session: AsyncSession
) -> None:
    child = await login_as(Role.student)
    rules = (await child.get("/api/harf/tracing")).json()
    assert rules == {"tolerance": 0.14, "coverage": 0.8, "precision": 0.75}

    exercise = await give_trace(child)
    assert exercise["kind"] == "trace" and exercise["prompt"] == "A"
    assert exercise["choices"] == [] and len(exercise["strokes"]) == 3
    url = f"/api/harf/exercises/{exercise['id']}/trace"
    drawn = wobbly(exercise["strokes"], random.Random(1), 0.05)
    result = await child.post(url, json={"strokes": drawn})
    assert result.status_code == 200, result.text
    assert result.json() == {"correct": True, "answer": ["A"], "milestones": []}
    mastery = await mastery_of(db_session, child, 1)
    assert mastery is not None and (mastery.box, mastery.right_answers) == (1, 1)

    again = await child.post(url, json={"strokes": drawn})
    assert again.status_code == 409
    assert again.json()["error"]["code"] == "exercise_answered"

    # The app's word is not taken for it: a line that only claims to be a trace is wrong.
    second = await give_trace(child)
    lazy = await child.post(
        f"/api/harf/exercises/{second['id']}/trace", json={"strokes": [[[0, 1], [0.4, 0]]]}
    )
    assert lazy.json()["correct"] is False
    mastery = await mastery_of(db_session, child, 1)
    assert mastery is not None and (mastery.box, mastery.wrong_answers) == (1, 1)


async def test_strokes_answer_only_a_trace_and_a_trace_only_strokes(login_as: LoginAs) -> None:
    child = await login_as(Role.student)
    choose = await child.post(
        "/api/harf/alphabets/uz-Latn/letters/1/exercises", params={"kind": "match_case"}
    )
    drawn = await child.post(
        f"/api/harf/exercises/{choose.json()['id']}/trace", json={"strokes": [[[0, 0]]]}
    )
    assert drawn.status_code == 422
    assert drawn.json()["error"]["code"] == "exercise_not_trace"

    trace = await give_trace(child)
    chosen = await child.post(f"/api/harf/exercises/{trace['id']}/answer", json={"answer": ["A"]})
    assert chosen.status_code == 422
    assert chosen.json()["error"]["code"] == "exercise_is_trace"


async def test_someone_elses_trace_and_wild_strokes_are_refused(login_as: LoginAs) -> None:
    owner = await login_as(Role.student)
    other = await login_as(Role.student)
    exercise = await give_trace(owner)
    url = f"/api/harf/exercises/{exercise['id']}/trace"
    stolen = await other.post(url, json={"strokes": exercise["strokes"]})
    assert stolen.status_code == 404
    assert stolen.json()["error"]["code"] == "exercise_not_found"

    for strokes in ([], [[[0, 1e9]]], [[[0, 0]] * 601], [[[0, 0]]] * 31):
        refused = await owner.post(url, json={"strokes": strokes})
        assert refused.status_code == 422, strokes
        assert refused.json()["error"]["code"] == "validation_error"
    # Still unanswered: the owner's real trace counts.
    done = await owner.post(url, json={"strokes": exercise["strokes"]})
    assert done.json()["correct"] is True


async def test_the_letters_after_the_free_ones_are_traced_with_the_plan_only(
    login_as: LoginAs,
) -> None:
    child = await login_as(Role.student)
    free = alphabets.alphabet(AlphabetCode.uz_latn).free_letters
    refused = await child.post(
        f"/api/harf/alphabets/uz-Latn/letters/{free + 1}/exercises", params={"kind": "trace"}
    )
    assert refused.status_code == 403
    assert refused.json()["error"]["code"] == "feature_not_included"
