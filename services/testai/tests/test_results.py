"""Results: teachers see their tests' results and statistics, parents their children's,
students their own, each only as far as the test's settings and ownership allow."""

import csv
import io

from sqlalchemy.ext.asyncio import AsyncSession

from alif import testing as alif_testing
from alif.auth import Role
from alif.testing import Actor, LoginAs, make_child, token_for
from testai.testing import API, answer_for, every_type, make_group, published_test


async def _take(student: Actor, test: dict[str, object], right: set[str]) -> dict[str, object]:
    """Take the test, answering right exactly the question types in `right`."""
    key = {q["id"]: q for q in test["questions"]}  # type: ignore[union-attr,index]
    attempt = (await student.post(f"{API}/attempts", json={"test_id": test["id"]})).json()
    for question in attempt["questions"]:
        body = answer_for(question, key[question["id"]], question["type"] in right)
        await student.put(f"{API}/attempts/{attempt['id']}/answers/{question['id']}", json=body)
    result: dict[str, object] = (
        await student.post(f"{API}/attempts/{attempt['id']}/submit")
    ).json()
    return result


async def test_a_teacher_sees_grades_distribution_item_statistics_and_csv(
    login_as: LoginAs, db_session: AsyncSession
) -> None:
    teacher = await login_as(Role.teacher)
    students = [await login_as(Role.student, last_name=f"O{n}") for n in range(4)]
    group = await make_group(db_session, teacher.user, [s.user for s in students])
    test = await published_test(teacher, every_type())
    await teacher.post(f"{API}/tests/{test['id']}/assignments", json={"group_id": str(group.id)})
    # Strong students get the hard numeric one too; everybody gets the true/false one.
    plans = [
        {"single", "multiple", "true_false", "short_answer", "numeric"},
        {"single", "multiple", "true_false", "short_answer"},
        {"single", "true_false"},
        {"true_false"},
    ]
    for student, plan in zip(students, plans, strict=True):
        await _take(student, test, plan)

    report = (await teacher.get(f"{API}/tests/{test['id']}/results")).json()
    assert [r["grade_percent"] for r in report["students"]] == [100, 80, 40, 20]
    assert report["summary"]["mean_percent"] == 60 and report["summary"]["median_percent"] == 60
    assert report["summary"]["passed"] == 2  # 60 % to pass
    bins = {b["low"]: b["count"] for b in report["distribution"] if b["count"]}
    assert bins == {90: 1, 80: 1, 40: 1, 20: 1}
    stats = {q["type"]: q for q in report["questions"]}
    assert stats["true_false"]["facility"] == 1.0
    assert stats["true_false"]["discrimination"] is None  # everyone right: it tells nothing
    assert stats["numeric"]["facility"] == 0.25
    assert stats["single"]["discrimination"] > 0.5  # the stronger students got it

    exported = await teacher.get(f"{API}/tests/{test['id']}/results.csv")
    assert exported.status_code == 200 and exported.headers["content-type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(exported.content.decode("utf-8-sig"))))
    assert rows[0][:5] == ["last_name", "first_name", "username", "attempts", "grade_percent"]
    assert [r[4] for r in rows[1:]] == ["100.00", "80.00", "40.00", "20.00"]


async def test_csv_cells_cannot_smuggle_formulas(
    login_as: LoginAs, db_session: AsyncSession
) -> None:
    teacher = await login_as(Role.teacher)
    student = await login_as(Role.student, first_name='=HYPERLINK("http://x")')
    group = await make_group(db_session, teacher.user, [student.user])
    test = await published_test(teacher, every_type())
    await teacher.post(f"{API}/tests/{test['id']}/assignments", json={"group_id": str(group.id)})
    await _take(student, test, set())
    exported = (await teacher.get(f"{API}/tests/{test['id']}/results.csv")).content.decode(
        "utf-8-sig"
    )
    assert "'=HYPERLINK" in exported


async def test_a_parent_sees_their_childs_results_and_no_one_elses(
    login_as: LoginAs, db_session: AsyncSession, test_keys: alif_testing.TestKeys
) -> None:
    teacher = await login_as(Role.teacher)
    parent = await login_as(Role.parent)
    child_user = await make_child(db_session, parent.user)
    child = Actor(user=child_user, token=token_for(test_keys, child_user), client=parent.client)
    group = await make_group(db_session, teacher.user, [child_user])
    test = await published_test(teacher, every_type())
    await teacher.post(f"{API}/tests/{test['id']}/assignments", json={"group_id": str(group.id)})
    await _take(child, test, {"single", "multiple", "true_false"})

    seen = await parent.get(f"{API}/children/{child_user.id}/results")
    assert seen.status_code == 200
    assert seen.json()[0]["grade_percent"] == 60 and seen.json()[0]["passed"] is True

    other_parent = await login_as(Role.parent)
    refused = await other_parent.get(f"{API}/children/{child_user.id}/results")
    assert refused.status_code == 404 and refused.json()["error"]["code"] == "child_not_found"
    assert (await child.get(f"{API}/children/{child_user.id}/results")).status_code == 403
