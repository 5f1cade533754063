"""Coins for passing a test: once per test, only above the pass mark, under the daily cap."""

from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from alif.auth import Role
from alif.ledger import balance_of
from alif.testing import Actor, LoginAs
from testai.testing import API, answer_for, every_type, make_group, published_test


async def _assigned_test(
    login_as: LoginAs, db_session: AsyncSession, student: Actor, **settings: Any
) -> dict[str, Any]:
    teacher = await login_as(Role.teacher)
    group = await make_group(db_session, teacher.user, [student.user])
    test = await published_test(teacher, every_type(), **settings)
    await teacher.post(f"{API}/tests/{test['id']}/assignments", json={"group_id": str(group.id)})
    return test


async def _take(student: Actor, test: dict[str, Any], right: bool) -> dict[str, Any]:
    attempt = (await student.post(f"{API}/attempts", json={"test_id": test["id"]})).json()
    key = {q["id"]: q for q in test["questions"]}
    for question in attempt["questions"]:
        await student.put(
            f"{API}/attempts/{attempt['id']}/answers/{question['id']}",
            json=answer_for(question, key[question["id"]], right),
        )
    submitted = await student.post(f"{API}/attempts/{attempt['id']}/submit")
    assert submitted.status_code == 200, submitted.text
    again = await student.post(f"{API}/attempts/{attempt['id']}/submit")  # a retried submit
    assert again.json() | {"server_time": None} == submitted.json() | {"server_time": None}
    return dict(submitted.json())


async def test_the_first_pass_pays_once(login_as: LoginAs, db_session: AsyncSession) -> None:
    student = await login_as(Role.student)
    test = await _assigned_test(login_as, db_session, student, attempts_allowed=3)
    assert (await _take(student, test, right=False))["passed"] is False
    assert await balance_of(db_session, student.id) == 0
    assert (await _take(student, test, right=True))["passed"] is True
    assert await balance_of(db_session, student.id) == 20
    assert (await _take(student, test, right=True))["passed"] is True
    assert await balance_of(db_session, student.id) == 20  # a second pass of the same test


async def test_rewards_stop_at_the_daily_cap_for_tests(
    login_as: LoginAs, db_session: AsyncSession
) -> None:
    student = await login_as(Role.student)
    for _ in range(11):  # 11 tests x 20 coins, the cap for tests is 200 a day
        test = await _assigned_test(login_as, db_session, student)
        await _take(student, test, right=True)
    assert await balance_of(db_session, student.id) == 200


async def test_nobody_earns_coins_for_someone_elses_attempt(
    login_as: LoginAs, db_session: AsyncSession
) -> None:
    student = await login_as(Role.student)
    test = await _assigned_test(login_as, db_session, student)
    attempt = (await student.post(f"{API}/attempts", json={"test_id": test["id"]})).json()
    intruder = await login_as(Role.student)
    response = await intruder.post(f"{API}/attempts/{attempt['id']}/submit")
    assert response.status_code == 404
    assert await balance_of(db_session, intruder.id) == 0
    assert await balance_of(db_session, student.id) == 0
