"""A learner works through a course: progress, resume, completion and release rules, a new
version, premium content, and the coins for completing a course (once)."""

from datetime import timedelta

from sqlalchemy.ext.asyncio import AsyncSession

from alif import ledger
from alif.auth import Role
from alif.db import utcnow
from alif.testing import Actor, LoginAs, make_child, subscribe
from lessions.testing import API, build_course, key, lesson, quiz, text


async def _answer_right(student: Actor, lesson_id: str) -> dict[str, object]:
    shown = (await student.get(f"{API}/lessons/{lesson_id}")).json()
    question = shown["lesson"]["blocks"][0]["questions"][0]
    four = next(o["id"] for o in question["options"] if o["text"] == "4")
    response = await student.post(
        f"{API}/lessons/{lesson_id}/answers",
        json={"answers": [{"question_id": question["id"], "answer": {"choice": [four]}}]},
    )
    assert response.status_code == 200, response.text
    result: dict[str, object] = response.json()
    return result


async def test_progress_resumes_and_a_repeated_write_counts_once(login_as: LoginAs) -> None:
    teacher = await login_as(Role.teacher)
    student = await login_as(Role.student)
    course = await build_course(
        teacher, lesson(blocks=[text(), text("Ikki"), text("Uch")], completion="end")
    )
    lesson_id = course["lessons"][0]["id"]
    write = {"idempotency_key": key(), "position": 1, "seconds": 40}
    first = await student.post(f"{API}/lessons/{lesson_id}/progress", json=write)
    again = await student.post(f"{API}/lessons/{lesson_id}/progress", json=write)
    assert first.status_code == again.status_code == 200
    assert again.json()["seconds_spent"] == 40
    assert again.json()["completed_at"] is None

    resumed = (await student.get(f"{API}/lessons/{lesson_id}")).json()
    assert resumed["progress"]["position"] == 1

    end = {"idempotency_key": key(), "position": 2, "seconds": 20, "reached_end": True}
    done = (await student.post(f"{API}/lessons/{lesson_id}/progress", json=end)).json()
    assert done["seconds_spent"] == 60 and done["completed_at"] is not None
    mine = (await student.get(f"{API}/courses/{course['id']}/progress")).json()
    assert (mine["completed_lessons"], mine["percent"]) == (1, 100)


async def test_a_quiz_lesson_is_complete_at_the_pass_mark_graded_on_the_server(
    login_as: LoginAs,
) -> None:
    teacher = await login_as(Role.teacher)
    student = await login_as(Role.student)
    course = await build_course(teacher, lesson(blocks=[quiz()], completion="quiz", pass_mark=100))
    lesson_id = course["lessons"][0]["id"]
    shown = (await student.get(f"{API}/lessons/{lesson_id}")).json()
    question = shown["lesson"]["blocks"][0]["questions"][0]
    three = next(o["id"] for o in question["options"] if o["text"] == "3")
    wrong = await student.post(
        f"{API}/lessons/{lesson_id}/answers",
        json={"answers": [{"question_id": question["id"], "answer": {"choice": [three]}}]},
    )
    assert wrong.json()["score"] == 0 and wrong.json()["passed"] is False
    assert wrong.json()["progress"]["completed_at"] is None

    right = await _answer_right(student, lesson_id)
    assert right["score"] == 100 and right["passed"] is True
    forged = await student.post(
        f"{API}/lessons/{lesson_id}/answers",
        json={"answers": [{"question_id": question["id"], "answer": {"text": "4"}}]},
    )
    assert forged.status_code == 422


async def test_release_by_date_and_after_the_previous_lesson(login_as: LoginAs) -> None:
    teacher = await login_as(Role.teacher)
    student = await login_as(Role.student)
    later = (utcnow() + timedelta(days=2)).isoformat()
    course = await build_course(
        teacher,
        lesson("Birinchi", blocks=[quiz()], completion="quiz"),
        lesson("Ikkinchi", after_previous=True),
        lesson("Uchinchi", available_from=later),
    )
    first, second, third = (x["id"] for x in course["lessons"])
    for lesson_id in (second, third):
        locked = await student.get(f"{API}/lessons/{lesson_id}")
        assert locked.status_code == 403
        assert locked.json()["error"]["code"] == "lesson_locked"
        write = {"idempotency_key": key()}
        refused = await student.post(f"{API}/lessons/{lesson_id}/progress", json=write)
        assert refused.status_code == 403
    states = (await student.get(f"{API}/courses/{course['id']}/progress")).json()["lessons"]
    assert [s["locked"] for s in states] == [False, True, True]

    await _answer_right(student, first)
    assert (await student.get(f"{API}/lessons/{second}")).status_code == 200
    assert (await student.get(f"{API}/lessons/{third}")).status_code == 403


async def test_progress_survives_a_new_version_of_a_published_lesson(login_as: LoginAs) -> None:
    teacher = await login_as(Role.teacher)
    student = await login_as(Role.student)
    course = await build_course(
        teacher, lesson(blocks=[quiz()], completion="quiz"), lesson("Keyingi")
    )
    lesson_id = course["lessons"][0]["id"]
    await _answer_right(student, lesson_id)

    edited = await teacher.put(
        f"{API}/lessons/{lesson_id}",
        json=lesson("Sanash (yangi)", blocks=[text("Yangi matn"), quiz()], completion="quiz"),
    )
    assert edited.status_code == 200
    assert edited.json()["version"] == 2
    shown = (await student.get(f"{API}/lessons/{lesson_id}")).json()
    assert shown["lesson"]["title"] == "Sanash (yangi)"
    assert shown["progress"]["completed_at"] is not None
    assert shown["progress"]["quiz_score"] == 100


async def test_completing_a_course_pays_its_coins_once(
    login_as: LoginAs, db_session: AsyncSession
) -> None:
    teacher = await login_as(Role.teacher)
    student = await login_as(Role.student)
    course = await build_course(
        teacher, lesson(blocks=[quiz()], completion="quiz"), lesson("Qo'shimcha", required=False),
        reward_coins=30,
    )  # fmt: skip
    lesson_id = course["lessons"][0]["id"]
    before = await ledger.balance_of(db_session, student.id)
    await _answer_right(student, lesson_id)
    await _answer_right(student, lesson_id)
    write = {"idempotency_key": key(), "reached_end": True}
    assert (
        await student.post(f"{API}/lessons/{lesson_id}/progress", json=write)
    ).status_code == 200
    assert await ledger.balance_of(db_session, student.id) == before + 30
    mine = (await student.get(f"{API}/courses/{course['id']}/progress")).json()
    assert mine["percent"] == 100 and mine["coins"] == 30 and mine["completed_at"] is not None

    teacher_view = await teacher.post(f"{API}/lessons/{lesson_id}/answers", json={"answers": []})
    assert teacher_view.status_code == 403  # authors preview; only learners are graded and paid


async def test_a_free_learner_is_refused_paid_lessons_on_every_route_with_no_sales_pitch(
    login_as: LoginAs, db_session: AsyncSession
) -> None:
    teacher = await login_as(Role.teacher)
    free = await login_as(Role.student)
    course = await build_course(
        teacher, lesson("Tekin", free_preview=True), lesson("Pullik", blocks=[quiz()]),
        access="premium",
    )  # fmt: skip
    preview, paid = (x["id"] for x in course["lessons"])
    assert (await free.get(f"{API}/lessons/{preview}")).status_code == 200
    for response in (
        await free.get(f"{API}/lessons/{paid}"),
        await free.post(f"{API}/lessons/{paid}/progress", json={"idempotency_key": key()}),
        await free.post(f"{API}/lessons/{paid}/answers", json={"answers": []}),
    ):
        assert response.status_code == 403
        error = response.json()["error"]
        assert error["code"] == "lesson_not_available"
        assert "plan" not in error["message"].lower() and not error.get("details")

    parent = await login_as(Role.parent)
    child = await login_as(user=await make_child(db_session, parent.user))
    await subscribe(db_session, parent.user, "premium_courses")
    assert (await child.get(f"{API}/lessons/{paid}")).status_code == 200


async def test_a_release_date_without_a_zone_is_tashkent_time(login_as: LoginAs) -> None:
    teacher = await login_as(Role.teacher)
    course = await build_course(teacher, lesson(available_from="2030-01-01T09:00:00"))
    assert course["lessons"][0]["available_from"].startswith("2030-01-01T04:00:00")
