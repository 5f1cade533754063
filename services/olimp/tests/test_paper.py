"""The paper on the server's clock: nobody reads it early, answers are saved until the deadline
and never after, one attempt that resumes, Kangaroo scoring, integrity signals."""

import uuid
from datetime import timedelta
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from alif.auth import Role
from alif.db import utcnow
from alif.testing import Actor, LoginAs
from olimp.papers.models import Attempt
from olimp.testing import OLYMPIADS, build_olympiad, open_round, registered_child


def _round_url(olympiad: dict[str, Any]) -> str:
    return f"{OLYMPIADS}/{olympiad['id']}/rounds/{olympiad['rounds'][0]['id']}"


def _right(attempt: dict[str, Any], question: dict[str, Any]) -> dict[str, Any]:
    # The correct answer of the helper's questions: the option whose text is the result.
    results = {"2 + 2 = ?": "4", "3 · 3 = ?": "9", "10 − 7 = ?": "3", "12 : 4 = ?": "3"}
    option = next(o for o in question["options"] if o["text"] == results[question["text"]])
    return {"choice": [option["id"]]}


def _wrong(question: dict[str, Any]) -> dict[str, Any]:
    results = {"2 + 2 = ?": "4", "3 · 3 = ?": "9", "10 − 7 = ?": "3", "12 : 4 = ?": "3"}
    option = next(o for o in question["options"] if o["text"] != results[question["text"]])
    return {"choice": [option["id"]]}


async def _started(
    db: AsyncSession, login_as: LoginAs
) -> tuple[Actor, dict[str, Any], dict[str, Any], Actor]:
    organizer = await login_as(Role.moderator)
    olympiad = await build_olympiad(organizer)
    child = await registered_child(db, login_as, olympiad)
    await open_round(db, olympiad["rounds"][0]["id"])
    started = await child.post(f"{_round_url(olympiad)}/attempt")
    assert started.status_code == 200, started.text
    return child, olympiad, started.json(), organizer


async def test_nobody_reads_a_question_before_their_start(
    login_as: LoginAs, db_session: AsyncSession
) -> None:
    organizer = await login_as(Role.moderator)
    olympiad = await build_olympiad(organizer)
    child = await registered_child(db_session, login_as, olympiad)
    url = _round_url(olympiad)
    organizer_questions = (await organizer.get(f"{url}/questions")).json()
    texts = [q["text"] for q in organizer_questions]
    assert len(texts) == 4

    others = [child, await login_as(Role.parent), await login_as(Role.teacher)]
    others += [await login_as(Role.organization), await login_as(Role.student)]
    for actor in others:
        routes = [
            await actor.get(f"{url}/questions"),
            await actor.post(f"{url}/attempt"),
            await actor.get(f"{OLYMPIADS}/{olympiad['id']}"),
            await actor.get(OLYMPIADS),
            await actor.get(f"{url}/board"),
            await actor.get(f"{url}/attempts"),
            await actor.get(f"/api/olimp/attempts/{uuid.uuid4()}"),
        ]
        for response in routes:
            assert response.status_code in (200, 404, 409), response.text
            assert not any(text in response.text for text in texts), (actor.user.role, response.url)
    early = await child.post(f"{url}/attempt")
    assert early.json()["error"]["code"] == "round_not_open"
    # Another moderator organizes platform-wide olympiads too; an organization does not.
    assert (await (await login_as(Role.admin)).get(f"{url}/questions")).status_code == 200


async def test_a_participant_sits_the_paper_and_resumes_it(
    login_as: LoginAs, db_session: AsyncSession
) -> None:
    child, olympiad, attempt, _ = await _started(db_session, login_as)
    assert len(attempt["questions"]) == 4
    assert "answer_key" not in str(attempt) and "correct" not in str(attempt)
    assert 0 < attempt["seconds_left"] <= 60 * 60 + 30
    first, second = attempt["questions"][0], attempt["questions"][1]
    answers = f"/api/olimp/attempts/{attempt['id']}/answers"

    assert (await child.put(f"{answers}/{first['id']}", json=_wrong(first))).status_code == 200
    saved = await child.put(f"{answers}/{first['id']}", json=_right(attempt, first))
    assert saved.status_code == 200  # the last write wins
    assert (
        await child.put(f"{answers}/{second['id']}", json=_right(attempt, second))
    ).status_code == 200

    # A reconnect: the same attempt, the same order and deadline, the answers kept.
    resumed = (await child.post(f"{_round_url(olympiad)}/attempt")).json()
    assert resumed["id"] == attempt["id"]
    assert resumed["deadline"] == attempt["deadline"]
    assert [q["id"] for q in resumed["questions"]] == [q["id"] for q in attempt["questions"]]
    assert [q["options"] for q in resumed["questions"]] == [
        q["options"] for q in attempt["questions"]
    ]
    assert resumed["answers"][first["id"]] == {
        **_right(attempt, first),
        "truth": None,
        "text": None,
    }
    assert len(resumed["answers"]) == 2
    assert resumed["seconds_left"] <= attempt["seconds_left"]

    submitted = await child.post(f"/api/olimp/attempts/{attempt['id']}/submit")
    assert submitted.status_code == 200
    assert submitted.json()["seconds_left"] == 0
    again = await child.post(f"/api/olimp/attempts/{attempt['id']}/submit")
    assert again.json()["submitted_at"] == submitted.json()["submitted_at"]
    late = await child.put(f"{answers}/{first['id']}", json=_wrong(first))
    assert late.status_code == 409
    assert late.json()["error"]["code"] == "attempt_closed"


async def test_every_write_after_the_deadline_is_refused(
    login_as: LoginAs, db_session: AsyncSession
) -> None:
    child, _, attempt, _organizer = await _started(db_session, login_as)
    question = attempt["questions"][0]
    base = f"/api/olimp/attempts/{attempt['id']}"
    assert (
        await child.put(f"{base}/answers/{question['id']}", json=_right(attempt, question))
    ).status_code == 200

    row = await db_session.get(Attempt, uuid.UUID(attempt["id"]))
    assert row is not None
    row.deadline = utcnow() - timedelta(seconds=1)
    await db_session.flush()
    writes = [
        await child.put(f"{base}/answers/{question['id']}", json=_wrong(question)),
        await child.put(f"{base}/answers/{attempt['questions'][1]['id']}", json=_wrong(question)),
        await child.post(f"{base}/submit"),
        await child.post(f"{base}/signals", json={"kind": "tab_hidden"}),
    ]
    for response in writes:
        assert response.status_code == 409
        assert response.json()["error"]["code"] == "attempt_closed"
    kept = (await child.get(base)).json()
    assert kept["seconds_left"] == 0
    assert kept["answers"] == {
        question["id"]: {**_right(attempt, question), "truth": None, "text": None}
    }


async def test_the_deadline_is_the_round_end_when_that_comes_first(
    login_as: LoginAs, db_session: AsyncSession
) -> None:
    organizer = await login_as(Role.moderator)
    olympiad = await build_olympiad(organizer)
    child = await registered_child(db_session, login_as, olympiad)
    await open_round(db_session, olympiad["rounds"][0]["id"], minutes_left=10)
    attempt = (await child.post(f"{_round_url(olympiad)}/attempt")).json()
    assert attempt["seconds_left"] <= 10 * 60 + 30  # 10 minutes and the grace, not 60 minutes


async def test_kangaroo_points_penalties_and_the_starting_bonus(
    login_as: LoginAs, db_session: AsyncSession
) -> None:
    child, olympiad, attempt, organizer = await _started(db_session, login_as)
    answers = f"/api/olimp/attempts/{attempt['id']}/answers"
    by_points: dict[int, list[dict[str, Any]]] = {}
    for question in attempt["questions"]:
        by_points.setdefault(question["points"], []).append(question)
    three, five = by_points[3], by_points[5]
    await child.put(f"{answers}/{three[0]['id']}", json=_right(attempt, three[0]))  # +3
    await child.put(f"{answers}/{three[1]['id']}", json=_wrong(three[1]))  # −0.75
    await child.put(f"{answers}/{five[0]['id']}", json=_wrong(five[0]))  # −1.25
    await child.put(f"{answers}/{five[1]['id']}", json={})  # blank: nothing lost
    summary = (await organizer.get(f"{_round_url(olympiad)}/attempts")).json()
    assert [(s["score"], s["answered"]) for s in summary] == [(10 + 3 - 0.75 - 1.25, 4)]
    # The organizer knows whose attempt it is by the name the board shows.
    board = (await organizer.get(f"{_round_url(olympiad)}/board")).json()
    assert summary[0]["name"] == board["rows"][0]["name"] != ""


async def test_orders_differ_between_participants_but_not_for_one(
    login_as: LoginAs, db_session: AsyncSession
) -> None:
    organizer = await login_as(Role.moderator)
    olympiad = await build_olympiad(organizer)
    children = [await registered_child(db_session, login_as, olympiad) for _ in range(8)]
    await open_round(db_session, olympiad["rounds"][0]["id"])
    orders = set()
    for child in children:
        paper = (await child.post(f"{_round_url(olympiad)}/attempt")).json()
        # Sections stay in order (3 points before 5), questions shuffle within them.
        assert [q["points"] for q in paper["questions"]] == [3, 3, 5, 5]
        order = tuple(o["id"] for q in paper["questions"] for o in q["options"])
        orders.add(order)
        again = (await child.get(f"/api/olimp/attempts/{paper['id']}")).json()
        assert tuple(o["id"] for q in again["questions"] for o in q["options"]) == order
    assert len(orders) > 1


async def test_someone_elses_attempt_is_not_found(
    login_as: LoginAs, db_session: AsyncSession
) -> None:
    olympiad = await build_olympiad(await login_as(Role.moderator))
    child = await registered_child(db_session, login_as, olympiad)
    other = await registered_child(db_session, login_as, olympiad)
    await open_round(db_session, olympiad["rounds"][0]["id"])
    attempt = (await child.post(f"{_round_url(olympiad)}/attempt")).json()
    question = attempt["questions"][0]
    base = f"/api/olimp/attempts/{attempt['id']}"
    for response in (
        await other.get(base),
        await other.put(f"{base}/answers/{question['id']}", json=_wrong(question)),
        await other.post(f"{base}/submit"),
        await other.post(f"{base}/signals", json={"kind": "tab_hidden"}),
    ):
        assert response.status_code == 404
        assert response.json()["error"]["code"] == "attempt_not_found"
    unregistered = await login_as(Role.student)
    refused = await unregistered.post(f"{_round_url(olympiad)}/attempt")
    assert refused.json()["error"]["code"] == "not_registered"


async def test_bad_answers_are_refused(login_as: LoginAs, db_session: AsyncSession) -> None:
    child, _, attempt, _ = await _started(db_session, login_as)
    question = attempt["questions"][0]
    answers = f"/api/olimp/attempts/{attempt['id']}/answers"
    for body in ({"choice": ["nope"]}, {"truth": True}, {"choice": ["a"], "score": 5}):
        response = await child.put(f"{answers}/{question['id']}", json=body)
        assert response.status_code == 422, body
    missing = await child.put(f"{answers}/{uuid.uuid4()}", json={})
    assert missing.json()["error"]["code"] == "question_not_found"
    assert (await child.get(f"/api/olimp/attempts/{attempt['id']}")).json()["answers"] == {}


async def test_integrity_signals_are_recorded_and_shown_to_the_organizer(
    login_as: LoginAs, db_session: AsyncSession, test_keys: Any
) -> None:
    child, olympiad, attempt, organizer = await _started(db_session, login_as)
    base = f"/api/olimp/attempts/{attempt['id']}"
    assert (await child.post(f"{base}/signals", json={"kind": "tab_hidden"})).status_code == 204
    fullscreen = {"kind": "fullscreen_left", "detail": "Esc"}
    assert (await child.post(f"{base}/signals", json=fullscreen)).status_code == 204
    # The same child signed in on a second device works on the same paper.
    second = await login_as(user=child.user)
    question = attempt["questions"][0]
    assert (
        await second.put(f"{base}/answers/{question['id']}", json=_right(attempt, question))
    ).status_code == 200
    assert (await second.get(base)).json()["answers"]

    summary = (await organizer.get(f"{_round_url(olympiad)}/attempts")).json()
    assert [s["kind"] for s in summary[0]["signals"]] == [
        "tab_hidden",
        "fullscreen_left",
        "second_device",
    ]
    assert (await child.get(f"{_round_url(olympiad)}/attempts")).status_code == 404
