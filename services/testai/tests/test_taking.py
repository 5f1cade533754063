"""Taking a test: keys stay hidden, answers save idempotently, the clock is the server's."""

from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from alif.auth import Role
from alif.testing import Actor, LoginAs
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
