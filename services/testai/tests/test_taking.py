"""Taking a test: keys stay hidden, answers save idempotently, the clock is the server's."""

import uuid
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from alif.auth import Role
from alif.db import utcnow
from alif.kernel.models import StudyGroupMember
from alif.testing import Actor, LoginAs
from testai.attempts.models import Attempt
from testai.testing import API, answer_for, every_type, make_group, published_test


async def _setup(
    login_as: LoginAs, db_session: AsyncSession, **settings: Any
) -> tuple[Actor, Actor, dict[str, Any]]:
    teacher = await login_as(Role.teacher)
    student = await login_as(Role.student)
    group = await make_group(db_session, teacher.user, [student.user])
    test = await published_test(teacher, every_type(), **settings)
    assigned = await teacher.post(
        f"{API}/tests/{test['id']}/assignments", json={"group_id": str(group.id)}
    )
    assert assigned.status_code == 201, assigned.text
    return teacher, student, test


async def test_a_student_takes_a_test_and_keys_stay_hidden_until_allowed(
    login_as: LoginAs, db_session: AsyncSession
) -> None:
    _, student, test = await _setup(login_as, db_session, answers_shown="immediately")
    listed = await student.get(f"{API}/my/tests")
    assert [t["test_id"] for t in listed.json()] == [test["id"]]

    started = await student.post(f"{API}/attempts", json={"test_id": test["id"]})
    assert started.status_code == 201, started.text
    attempt = started.json()
    text = started.text
    # No key, no explanation, no "correct" flag anywhere in what the student receives.
    for secret in ("correct", "accepted_answers", "numeric_answer", "truth", "Ikki va ikki"):
        assert secret not in text
    assert attempt["review"] is None and attempt["score"] is None

    key = {q["id"]: q for q in test["questions"]}
    for question in attempt["questions"]:
        right = question["type"] != "numeric"
        body = answer_for(question, key[question["id"]], right)
        saved = await student.put(
            f"{API}/attempts/{attempt['id']}/answers/{question['id']}", json=body
        )
        assert saved.status_code == 200, saved.text

    submitted = await student.post(f"{API}/attempts/{attempt['id']}/submit")
    assert submitted.status_code == 200
    result = submitted.json()
    assert result["status"] == "finished"
    assert result["score"] == 8 and result["max_score"] == 10 and result["percent"] == 80
    assert result["passed"] is True
    assert {r["question_id"]: r["correct"] for r in result["review"]} == {
        q["id"]: q["type"] != "numeric" for q in test["questions"]
    }


async def _overdue(db: AsyncSession, attempt_id: str, seconds_ago: int) -> None:
    """Move the attempt's clock back: its deadline passed `seconds_ago` seconds ago."""
    past = utcnow() - timedelta(seconds=seconds_ago)
    await db.execute(
        update(Attempt)
        .where(Attempt.id == uuid.UUID(attempt_id))
        .values(started_at=past - timedelta(minutes=10), deadline_at=past)
    )
    db.expire_all()


async def test_a_student_cannot_read_or_answer_another_students_attempt(
    login_as: LoginAs, db_session: AsyncSession
) -> None:
    teacher, student, test = await _setup(login_as, db_session)
    attempt = (await student.post(f"{API}/attempts", json={"test_id": test["id"]})).json()
    question = attempt["questions"][0]

    classmate = await login_as(Role.student)
    db_session.add(
        StudyGroupMember(group_id=(await _group_of(db_session, student)), student_id=classmate.id)
    )
    await db_session.flush()
    url = f"{API}/attempts/{attempt['id']}"
    for response in (
        await classmate.get(url),
        await classmate.put(f"{url}/answers/{question['id']}", json={"choice": []}),
        await classmate.post(f"{url}/submit"),
    ):
        assert response.status_code == 404
        assert response.json()["error"]["code"] == "attempt_not_found"
    # Nor can a teacher use the student's endpoints, or a test's keys be fetched by a student.
    assert (await teacher.get(url)).status_code == 403
    assert (await student.get(f"{API}/tests/{test['id']}")).status_code == 403
    assert (await student.get(f"{API}/tests/{test['id']}/results")).status_code == 403


async def _group_of(db: AsyncSession, student: Actor) -> uuid.UUID:
    group_id = await db.scalar(
        select(StudyGroupMember.group_id).where(StudyGroupMember.student_id == student.id)
    )
    assert group_id is not None
    return group_id


async def test_a_test_that_is_not_assigned_is_not_there(login_as: LoginAs) -> None:
    teacher = await login_as(Role.teacher)
    test = await published_test(teacher, every_type())
    outsider = await login_as(Role.student)
    response = await outsider.post(f"{API}/attempts", json={"test_id": test["id"]})
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "test_not_available"
    assert (await outsider.get(f"{API}/my/tests")).json() == []


async def test_answers_save_idempotently_and_a_late_retry_never_overwrites(
    login_as: LoginAs, db_session: AsyncSession
) -> None:
    _, student, test = await _setup(login_as, db_session)
    attempt = (await student.post(f"{API}/attempts", json={"test_id": test["id"]})).json()
    choice = next(q for q in attempt["questions"] if q["type"] == "single")
    url = f"{API}/attempts/{attempt['id']}/answers/{choice['id']}"
    first, second = choice["options"][0]["id"], choice["options"][1]["id"]

    saved = await student.put(url, json={"choice": [first], "revision": 1})
    again = await student.put(url, json={"choice": [first], "revision": 1})
    assert saved.status_code == again.status_code == 200
    assert saved.json()["choice"] == again.json()["choice"] == [first]
    await student.put(url, json={"choice": [second], "revision": 2})
    stale = await student.put(url, json={"choice": [first], "revision": 1})  # arrives late
    assert stale.json()["choice"] == [second] and stale.json()["revision"] == 2

    resumed = await student.post(f"{API}/attempts", json={"test_id": test["id"]})
    assert resumed.json()["id"] == attempt["id"]  # a reload resumes, it does not start over
    assert [a["choice"] for a in resumed.json()["answers"]] == [[second]]

    wrong_shape = await student.put(url, json={"text": "4"})
    assert wrong_shape.status_code == 422
    assert wrong_shape.json()["error"]["code"] == "answer_does_not_fit"
    not_an_option = await student.put(url, json={"choice": ["zzzzzz"]})
    assert not_an_option.status_code == 422
    two_for_single = await student.put(url, json={"choice": [first, second]})
    assert two_for_single.status_code == 422
    foreign = await student.put(
        f"{API}/attempts/{attempt['id']}/answers/{uuid.uuid4()}", json={"choice": []}
    )
    assert foreign.status_code == 404


async def test_time_limit_extra_time_grace_and_the_server_closing_the_attempt(
    login_as: LoginAs, db_session: AsyncSession
) -> None:
    teacher, student, test = await _setup(
        login_as, db_session, time_limit_minutes=10, results_shown="immediately"
    )
    factor = await teacher.put(
        f"{API}/tests/{test['id']}/extra-time/{student.id}", json={"factor": 1.5}
    )
    assert factor.status_code == 200
    attempt = (await student.post(f"{API}/attempts", json={"test_id": test["id"]})).json()
    started = datetime.fromisoformat(attempt["started_at"])
    deadline = datetime.fromisoformat(attempt["deadline_at"])
    assert deadline - started == timedelta(minutes=15)  # 10 minutes × 1.5
    assert attempt["time_factor"] == 1.5

    question = next(q for q in attempt["questions"] if q["type"] == "true_false")
    url = f"{API}/attempts/{attempt['id']}/answers/{question['id']}"
    assert (await student.put(url, json={"truth": True})).status_code == 200

    # Within the grace after the deadline an answer in flight still counts...
    await _overdue(db_session, attempt["id"], seconds_ago=10)
    assert (await student.put(url, json={"truth": True, "revision": 1})).status_code == 200
    # ...after it, nothing is accepted and the server closes the attempt with what was saved.
    await _overdue(db_session, attempt["id"], seconds_ago=120)
    late = await student.put(url, json={"truth": False, "revision": 2})
    assert late.status_code == 409 and late.json()["error"]["code"] == "attempt_closed"

    closed = (await student.get(f"{API}/attempts/{attempt['id']}")).json()
    assert closed["status"] == "finished" and closed["closed_by_server"] is True
    assert closed["score"] == 2  # the saved true/false answer, graded
    assert [a["truth"] for a in closed["answers"]] == [True]
    resubmitted = await student.post(f"{API}/attempts/{attempt['id']}/submit")
    assert resubmitted.status_code == 200 and resubmitted.json()["score"] == 2


async def test_an_abandoned_attempt_is_graded_when_anyone_looks(
    login_as: LoginAs, db_session: AsyncSession
) -> None:
    teacher, student, test = await _setup(login_as, db_session, time_limit_minutes=5)
    attempt = (await student.post(f"{API}/attempts", json={"test_id": test["id"]})).json()
    await _overdue(db_session, attempt["id"], seconds_ago=3600)
    results = (await teacher.get(f"{API}/tests/{test['id']}/results")).json()
    assert results["students"][0]["finished_attempts"] == 1
    assert results["students"][0]["grade_percent"] == 0


async def test_extra_time_granted_during_an_attempt_moves_its_deadline(
    login_as: LoginAs, db_session: AsyncSession
) -> None:
    teacher, student, test = await _setup(login_as, db_session, time_limit_minutes=20)
    attempt = (await student.post(f"{API}/attempts", json={"test_id": test["id"]})).json()
    await teacher.put(f"{API}/tests/{test['id']}/extra-time/{student.id}", json={"factor": 2})
    moved = (await student.get(f"{API}/attempts/{attempt['id']}")).json()
    started = datetime.fromisoformat(moved["started_at"])
    assert datetime.fromisoformat(moved["deadline_at"]) - started == timedelta(minutes=40)

    stranger = await login_as(Role.student)
    refused = await teacher.put(
        f"{API}/tests/{test['id']}/extra-time/{stranger.id}", json={"factor": 2}
    )
    assert refused.status_code == 404
    too_much = await teacher.put(
        f"{API}/tests/{test['id']}/extra-time/{student.id}", json={"factor": 10}
    )
    assert too_much.status_code == 422


async def test_attempts_allowed_and_grading_methods(
    login_as: LoginAs, db_session: AsyncSession
) -> None:
    teacher, student, test = await _setup(
        login_as, db_session, attempts_allowed=2, grading_method="average"
    )
    key = {q["id"]: q for q in test["questions"]}
    for right in (True, False):
        attempt = (await student.post(f"{API}/attempts", json={"test_id": test["id"]})).json()
        for question in attempt["questions"]:
            await student.put(
                f"{API}/attempts/{attempt['id']}/answers/{question['id']}",
                json=answer_for(question, key[question["id"]], right),
            )
        finished = await student.post(f"{API}/attempts/{attempt['id']}/submit")
        assert finished.json()["percent"] == (100 if right else 0)
    third = await student.post(f"{API}/attempts", json={"test_id": test["id"]})
    assert third.status_code == 409 and third.json()["error"]["code"] == "no_attempts_left"

    mine = (await student.get(f"{API}/my/results")).json()
    assert mine[0]["attempts"] == 2 and mine[0]["grade_percent"] == 50
    for method, grade in (("highest", 100), ("first", 100), ("last", 0), ("average", 50)):
        await teacher.patch(f"{API}/tests/{test['id']}", json={"grading_method": method})
        row = (await teacher.get(f"{API}/tests/{test['id']}/results")).json()["students"][0]
        assert row["grade_percent"] == grade, method


async def test_results_and_keys_wait_for_the_close_when_the_teacher_says_so(
    login_as: LoginAs, db_session: AsyncSession
) -> None:
    teacher, student, test = await _setup(
        login_as, db_session, results_shown="after_close", answers_shown="after_close"
    )
    attempt = (await student.post(f"{API}/attempts", json={"test_id": test["id"]})).json()
    submitted = (await student.post(f"{API}/attempts/{attempt['id']}/submit")).json()
    assert submitted["score"] is None and submitted["review"] is None
    assert (await student.get(f"{API}/my/results")).json()[0]["results_hidden"] is True

    await teacher.post(f"{API}/tests/{test['id']}/archive")  # the teacher closes the test
    after = (await student.get(f"{API}/attempts/{attempt['id']}")).json()
    assert after["score"] == 0 and after["review"] is not None
    assert {r["question_id"] for r in after["review"]} == {q["id"] for q in test["questions"]}


async def test_never_means_never(login_as: LoginAs, db_session: AsyncSession) -> None:
    teacher, student, test = await _setup(
        login_as, db_session, results_shown="never", answers_shown="never"
    )
    attempt = (await student.post(f"{API}/attempts", json={"test_id": test["id"]})).json()
    await student.post(f"{API}/attempts/{attempt['id']}/submit")
    await teacher.post(f"{API}/tests/{test['id']}/archive")
    seen = (await student.get(f"{API}/attempts/{attempt['id']}")).json()
    assert seen["score"] is None and seen["review"] is None and seen["percent"] is None
    teacher_view = await teacher.get(f"{API}/tests/{test['id']}/attempts/{attempt['id']}")
    assert teacher_view.json()["score"] == 0 and teacher_view.json()["review"] is not None


async def test_the_open_and_close_window(login_as: LoginAs, db_session: AsyncSession) -> None:
    later = (utcnow() + timedelta(days=1)).isoformat()
    _, student, test = await _setup(login_as, db_session, opens_at=later)
    early = await student.post(f"{API}/attempts", json={"test_id": test["id"]})
    assert early.status_code == 409 and early.json()["error"]["code"] == "test_not_open_yet"


async def test_a_share_code_opens_the_test_and_guessing_codes_is_limited(
    login_as: LoginAs,
) -> None:
    teacher = await login_as(Role.teacher)
    test = await published_test(teacher, every_type())
    code = (await teacher.post(f"{API}/tests/{test['id']}/share")).json()["code"]

    student = await login_as(Role.student)
    shown = await student.get(f"{API}/shared/{code.lower()}")
    assert shown.status_code == 200 and shown.json()["question_count"] == 5
    started = await student.post(f"{API}/attempts", json={"code": code})
    assert started.status_code == 201

    await teacher.delete(f"{API}/tests/{test['id']}/share")
    other = await login_as(Role.student)
    assert (await other.post(f"{API}/attempts", json={"code": code})).status_code == 404
    for n in range(9):
        await other.get(f"{API}/shared/WRONG{n:03d}")
    limited = await other.post(f"{API}/attempts", json={"code": "ANYCODE1"})
    assert limited.status_code == 429


async def test_a_draft_cannot_be_assigned_or_shared(
    login_as: LoginAs, db_session: AsyncSession
) -> None:
    teacher = await login_as(Role.teacher)
    draft = (await teacher.post(f"{API}/tests", json={"title": "Qoralama"})).json()
    group = await make_group(db_session, teacher.user, [])
    response = await teacher.post(
        f"{API}/tests/{draft['id']}/assignments", json={"group_id": str(group.id)}
    )
    assert response.status_code == 409
    assert (await teacher.post(f"{API}/tests/{draft['id']}/share")).status_code == 409


async def test_a_teacher_assigns_only_to_their_own_groups_and_students(
    login_as: LoginAs, db_session: AsyncSession
) -> None:
    teacher = await login_as(Role.teacher)
    test = await published_test(teacher, every_type())
    other_teacher = await login_as(Role.teacher)
    their_student = await login_as(Role.student)
    their_group = await make_group(db_session, other_teacher.user, [their_student.user])
    url = f"{API}/tests/{test['id']}/assignments"

    group = await teacher.post(url, json={"group_id": str(their_group.id)})
    assert group.status_code == 404 and group.json()["error"]["code"] == "group_not_found"
    students = await teacher.post(url, json={"student_ids": [str(their_student.id)]})
    assert students.status_code == 404

    mine = await login_as(Role.student)
    await make_group(db_session, teacher.user, [mine.user])
    chosen = await teacher.post(url, json={"student_ids": [str(mine.id)], "due_at": None})
    assert chosen.status_code == 201
    twice = await teacher.post(url, json={"student_ids": [str(mine.id)]})
    assert twice.status_code == 409
    assert [t["test_id"] for t in (await mine.get(f"{API}/my/tests")).json()] == [test["id"]]
    listed = (await teacher.get(url)).json()
    removed = await teacher.delete(f"{url}/{listed[0]['id']}")
    assert removed.status_code == 204
    assert (await mine.get(f"{API}/my/tests")).json() == []
