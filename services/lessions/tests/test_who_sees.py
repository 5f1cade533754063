"""Who sees whose progress: the group's teacher and its school, a parent their own child, a
learner only their own; everyone else gets "not found"."""

import csv
import io

from sqlalchemy.ext.asyncio import AsyncSession

from alif.auth import Role
from alif.testing import LoginAs, make_child, make_school, make_study_group
from lessions.testing import API, build_course, key, lesson


async def test_the_teacher_school_and_parent_see_progress_and_nobody_else(
    login_as: LoginAs, db_session: AsyncSession
) -> None:
    school_owner = await login_as(Role.organization)
    school = await make_school(db_session, school_owner.user)
    teacher = await login_as(Role.teacher)
    other_teacher = await login_as(Role.teacher)
    parent = await login_as(Role.parent)
    other_parent = await login_as(Role.parent)
    child_user = await make_child(db_session, parent.user, first_name="Ali", last_name="Valiyev")
    child = await login_as(user=child_user)
    classmate = await login_as(Role.student, first_name="=cmd", last_name="")
    group = await make_study_group(
        db_session, teacher.user, [child_user, classmate.user], organization=school
    )
    course = await build_course(teacher, lesson("Bir"), lesson("Ikki"))
    first = course["lessons"][0]["id"]
    write = {"idempotency_key": key(), "seconds": 30}
    assert (await child.post(f"{API}/lessons/{first}/progress", json=write)).status_code == 200

    table_url = f"{API}/courses/{course['id']}/groups/{group.id}/progress"
    for viewer in (teacher, school_owner):
        table = await viewer.get(table_url)
        assert table.status_code == 200, table.text
        rows = {r["name"]: r for r in table.json()["learners"]}
        assert rows["Ali Valiyev"]["percent"] == 50
        assert [c["completed"] for c in rows["Ali Valiyev"]["cells"]] == [True, False]
        assert rows["=cmd"]["percent"] == 0
    assert (await other_teacher.get(table_url)).status_code == 404
    assert (await child.get(table_url)).status_code == 403
    assert (await parent.get(table_url)).status_code == 403

    exported = await teacher.get(f"{table_url}.csv")
    assert exported.status_code == 200
    assert exported.headers["content-type"].startswith("text/csv")
    lines = list(csv.reader(io.StringIO(exported.text.lstrip("\ufeff"))))
    assert lines[0] == ["learner", "percent", "Bir", "Ikki"]
    assert ["Ali Valiyev", "50", "done", ""] in lines
    assert ["'=cmd", "0", "", ""] in lines  # a name is never run as a spreadsheet formula

    seen = await parent.get(f"{API}/children/{child.id}/progress")
    assert seen.status_code == 200
    assert [(c["course"]["id"], c["percent"]) for c in seen.json()] == [(course["id"], 50)]
    assert (await other_parent.get(f"{API}/children/{child.id}/progress")).status_code == 404
    assert (await parent.get(f"{API}/children/{classmate.id}/progress")).status_code == 404

    own = (await classmate.get(f"{API}/courses/{course['id']}/progress")).json()
    assert own["completed_lessons"] == 0  # a learner's own view shows only their own
