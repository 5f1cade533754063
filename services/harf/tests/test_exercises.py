"""Exercises from the data for every letter, answered once on the server; the Leitner schedule;
the progress a child and their parent see."""

import random
import uuid
from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from alif import ledger
from alif.db import utcnow
from alif.kernel.models import Role
from alif.subscriptions.features import Feature
from alif.testing import Actor, LoginAs, make_child, subscribe
from harf.alphabets import service as alphabets
from harf.alphabets.schemas import AlphabetCode
from harf.config import HarfSettings
from harf.exercises import generate
from harf.exercises.models import Exercise, Mastery
from harf.exercises.schemas import ExerciseKind

EVERY_LETTER = [
    (code, number)
    for code in AlphabetCode
    for number in range(1, len(alphabets.alphabet(code).letters) + 1)
]


@pytest.mark.parametrize(("code", "number"), EVERY_LETTER)
def test_every_exercise_of_every_letter_is_answerable(code: AlphabetCode, number: int) -> None:
    kinds = generate.kinds(code, number)
    assert {ExerciseKind.hear_and_tap, ExerciseKind.find_in_word, ExerciseKind.build_word} <= set(
        kinds
    )
    for seed in range(5):
        for kind in kinds:
            made = generate.make(code, number, kind, random.Random(seed))
            if kind is ExerciseKind.trace:  # drawn, not chosen (tests/test_tracing.py)
                assert made.choices == [] and made.prompt == made.answer[0]
                continue
            assert len(made.choices) == len(set(made.choices)) >= 2, made
            assert set(made.answer) <= set(made.choices), made
            if kind is not ExerciseKind.build_word:
                assert len(made.answer) == 1
            else:
                word = alphabets.letter(code, number).words[made.word - 1]  # type: ignore[operator]
                assert made.answer == alphabets.split_word(code, word.text)


def test_uzbek_gets_its_minimal_pairs_and_the_bridge_between_scripts() -> None:
    sh = generate.make(AlphabetCode.uz_latn, 27, ExerciseKind.minimal_pair, random.Random(0))
    assert sorted(sh.choices) == ["s", "sh"]
    assert "_" in sh.prompt
    q_cyrillic = generate.make(
        AlphabetCode.uz_cyrl, 33, ExerciseKind.script_bridge, random.Random(0)
    )
    assert q_cyrillic.prompt == "Қ" and q_cyrillic.answer == ["q"]
    ts = generate.make(AlphabetCode.uz_cyrl, 24, ExerciseKind.script_bridge, random.Random(0))
    assert ts.answer == ["s"]
    s_latin = generate.make(AlphabetCode.uz_latn, 18, ExerciseKind.script_bridge, random.Random(0))
    assert s_latin.answer == ["с"] and "ц" not in s_latin.choices  # ц is also s: not offered
    assert ExerciseKind.script_bridge not in generate.kinds(AlphabetCode.ru, 1)


async def give(
    actor: Actor, code: str = "uz-Latn", number: int = 1, kind: str = ""
) -> dict[str, Any]:
    params = {"kind": kind} if kind else {}
    response = await actor.post(
        f"/api/harf/alphabets/{code}/letters/{number}/exercises", params=params
    )
    assert response.status_code == 201, response.text
    return response.json()  # type: ignore[no-any-return]


async def right_answer(db: AsyncSession, exercise_id: str) -> list[str]:
    found = await db.get(Exercise, uuid.UUID(exercise_id))
    assert found is not None
    return found.answer


async def test_a_child_answers_once_and_the_answer_is_checked_on_the_server(
    login_as: LoginAs, db_session: AsyncSession
) -> None:
    child = await login_as(Role.student)
    exercise = await give(child, kind="match_case")
    assert exercise["prompt"] == "A"
    assert "answer" not in exercise
    url = f"/api/harf/exercises/{exercise['id']}/answer"

    wrong = next(c for c in exercise["choices"] if c != "a")
    result = (await child.post(url, json={"answer": [wrong]})).json()
    assert result == {"correct": False, "answer": ["a"], "milestones": []}
    again = await child.post(url, json={"answer": ["a"]})  # a second try is refused
    assert again.status_code == 409
    assert again.json()["error"]["code"] == "exercise_answered"

    built = await give(child, kind="build_word")
    answer = await right_answer(db_session, built["id"])
    done = await child.post(f"/api/harf/exercises/{built['id']}/answer", json={"answer": answer})
    assert done.json()["correct"] is True


async def test_another_users_exercise_is_not_found(login_as: LoginAs) -> None:
    owner = await login_as(Role.student)
    other = await login_as(Role.student)
    exercise = await give(owner)
    stolen = await other.post(
        f"/api/harf/exercises/{exercise['id']}/answer", json={"answer": ["a"]}
    )
    assert stolen.status_code == 404
    assert stolen.json()["error"]["code"] == "exercise_not_found"


async def test_the_letters_after_the_free_ones_need_the_plan(
    login_as: LoginAs, db_session: AsyncSession
) -> None:
    child = await login_as(Role.student)
    for code in AlphabetCode:
        free = alphabets.alphabet(code).free_letters
        await give(child, code.value, free)
        refused = await child.post(f"/api/harf/alphabets/{code.value}/letters/{free + 1}/exercises")
        assert refused.status_code == 403
        assert refused.json()["error"]["code"] == "feature_not_included"
    assert (await child.get("/api/harf/alphabets/uz-Latn/next")).json()["letter"] == 1
    await subscribe(db_session, child.user, Feature.harf_audio)
    await give(child, "uz-Latn", 30)


async def test_a_kind_the_letter_has_not_is_refused(login_as: LoginAs) -> None:
    child = await login_as(Role.student)
    response = await child.post(
        "/api/harf/alphabets/ru/letters/1/exercises", params={"kind": "script_bridge"}
    )
    assert response.status_code == 422
    assert response.json()["error"]["code"] == "exercise_kind_not_available"


async def answer(actor: Actor, db: AsyncSession, number: int, *, right: bool) -> None:
    exercise = await give(actor, number=number, kind="match_case")
    given = await right_answer(db, exercise["id"])
    if not right:
        given = [next(c for c in exercise["choices"] if c not in given)]
    await actor.post(f"/api/harf/exercises/{exercise['id']}/answer", json={"answer": given})


async def make_due(db: AsyncSession, user_id: uuid.UUID) -> None:
    await db.execute(
        update(Mastery).where(Mastery.user_id == user_id).values(due_at=utcnow() - timedelta(1))
    )


async def test_the_schedule_moves_a_letter_up_when_due_and_back_after_a_mistake(
    login_as: LoginAs, db_session: AsyncSession
) -> None:
    child = await login_as(Role.student)
    next_url = "/api/harf/alphabets/uz-Latn/next"
    assert (await child.get(next_url)).json()["letter"] == 1

    await answer(child, db_session, 1, right=True)  # box 1: practised again today
    await answer(child, db_session, 2, right=False)
    assert (await child.get(next_url)).json()["letter"] == 2  # the missed one first

    for _ in range(3):
        await make_due(db_session, child.user.id)
        await answer(child, db_session, 1, right=True)
    await answer(child, db_session, 1, right=True)  # early: counted, not moved up
    mastery = await db_session.scalar(
        select(Mastery).where(Mastery.user_id == child.user.id, Mastery.letter == 1)
    )
    assert mastery is not None
    assert (mastery.box, mastery.right_answers) == (4, 5)

    progress = (await child.get("/api/harf/alphabets/uz-Latn/progress")).json()
    assert [entry["status"] for entry in progress["letters"][:3]] == [
        "mastered",
        "learning",
        "not_started",
    ]
    assert (progress["mastered"], progress["learning"], progress["not_started"]) == (1, 1, 28)

    await answer(child, db_session, 1, right=False)
    again = (await child.get("/api/harf/alphabets/uz-Latn/progress")).json()
    assert again["letters"][0]["status"] == "learning"


async def test_a_parent_sees_their_childs_letters_and_no_one_elses(
    login_as: LoginAs, db_session: AsyncSession
) -> None:
    parent = await login_as(Role.parent)
    stranger = await login_as(Role.parent)
    child_user = await make_child(db_session, parent.user)
    child = await login_as(Role.student, user=child_user)
    await answer(child, db_session, 3, right=True)

    url = f"/api/harf/children/{child_user.id}/alphabets/uz-Latn/progress"
    seen = (await parent.get(url)).json()
    assert seen["letters"][2]["status"] == "learning"
    assert seen["open_letters"] == 5  # the free ones: the others show locked
    await subscribe(db_session, child_user, Feature.harf_audio)
    assert (await parent.get(url)).json()["open_letters"] == 30
    assert (await child.get("/api/harf/alphabets/uz-Latn/progress")).json()["open_letters"] == 30
    assert (await stranger.get(url)).status_code == 404
    assert (await child.get(url)).status_code == 403


async def master(actor: Actor, db: AsyncSession, number: int) -> list[dict[str, Any]]:
    """Answer the letter right when due until it is mastered; the milestones paid on the way."""
    reached: list[dict[str, Any]] = []
    for _ in range(4):
        await make_due(db, actor.user.id)
        exercise = await give(actor, number=number, kind="hear_and_tap")
        given = await right_answer(db, exercise["id"])
        result = await actor.post(
            f"/api/harf/exercises/{exercise['id']}/answer", json={"answer": given}
        )
        reached += result.json()["milestones"]
    return reached


async def test_mastering_the_free_letters_pays_coins_once(
    login_as: LoginAs, db_session: AsyncSession
) -> None:
    child = await login_as(Role.student)
    reached = [m for number in range(1, 6) for m in await master(child, db_session, number)]
    assert reached == [{"milestone": "free_letters", "alphabet": "uz-Latn", "coins": 10}]
    assert await ledger.balance_of(db_session, child.user.id) == 10

    await master(child, db_session, 1)  # mastered again: nothing more
    assert await ledger.balance_of(db_session, child.user.id) == 10


async def test_a_whole_alphabet_pays_under_the_daily_cap(
    login_as: LoginAs, db_session: AsyncSession, change_settings: Callable[..., HarfSettings]
) -> None:
    change_settings(coin_daily_caps={"harf": 30}, harf_daily_goal=200)
    child = await login_as(Role.student)
    await subscribe(db_session, child.user, Feature.harf_audio)
    reached = [m for number in range(1, 31) for m in await master(child, db_session, number)]
    assert [(m["milestone"], m["coins"]) for m in reached] == [
        ("free_letters", 10),
        ("alphabet", 20),
    ]
    assert await ledger.balance_of(db_session, child.user.id) == 30  # 10 + 50, cut to the cap


async def test_the_daily_goal_and_a_streak(
    login_as: LoginAs, db_session: AsyncSession, change_settings: Callable[..., HarfSettings]
) -> None:
    change_settings(harf_daily_goal=2)
    child = await login_as(Role.student)
    assert (await child.get("/api/harf/today")).json() == {"goal": 2, "done": 0, "streak": 0}
    for _ in range(2):
        await answer(child, db_session, 1, right=True)
    assert (await child.get("/api/harf/today")).json() == {"goal": 2, "done": 2, "streak": 1}

    # The two days before: the goal met too (the answers moved back in time).
    for days in (1, 2):
        for _ in range(2):
            exercise = await give(child, kind="match_case")
            await db_session.execute(
                update(Exercise)
                .where(Exercise.id == uuid.UUID(exercise["id"]))
                .values(answered_at=utcnow() - timedelta(days=days), correct=True)
            )
    exercise = await give(child, kind="match_case")
    given = await right_answer(db_session, exercise["id"])
    result = await child.post(
        f"/api/harf/exercises/{exercise['id']}/answer", json={"answer": given}
    )
    assert result.json()["milestones"] == [{"milestone": "streak_3", "alphabet": None, "coins": 15}]
    assert (await child.get("/api/harf/today")).json()["streak"] == 3
