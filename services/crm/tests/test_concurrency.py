"""Races that only real concurrent transactions show: the first attendance marks of a lesson sent
several times at the same moment (a double tap on a phone, the teacher and the administrator)
all succeed, and the lesson keeps one mark per student."""

import asyncio
import uuid
from collections.abc import AsyncIterator

import httpx
import pytest
from fastapi import FastAPI
from sqlalchemy import delete, func, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from alif.auth import Role
from alif.kernel.models import Organization, StudyGroup, User
from alif.testing import TestKeys, make_study_group, make_user, token_for
from crm.lessons.models import Attendance
from crm.staff.models import StaffRole
from crm.testing import hire, make_centre

pytestmark = [pytest.mark.slow]
CALLS = 4  # the app's pool keeps four connections open


@pytest.fixture
async def http(started_app: FastAPI) -> AsyncIterator[httpx.AsyncClient]:
    """Requests with the app's own sessions, each in its own transaction (no test session)."""
    transport = httpx.ASGITransport(app=started_app)
    async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as client:
        yield client


@pytest.fixture
async def committed_centre(
    committing: async_sessionmaker[AsyncSession],
) -> AsyncIterator[tuple[User, User, Organization, StudyGroup]]:
    """A centre with a teacher and a class, really committed, and deleted afterwards with all its
    office rows (they cascade), so the rolled-back tests that follow never meet it."""
    async with committing() as db, db.begin():
        director = await make_user(db, role=Role.organization)
        teacher = await make_user(db, role=Role.teacher)
        centre = await make_centre(db, director)
        await hire(db, centre, teacher, StaffRole.teacher)
        study_group = await make_study_group(db, teacher, organization=centre, name="Ingliz B1")
    yield director, teacher, centre, study_group
    async with committing() as db, db.begin():
        await db.execute(delete(Organization).where(Organization.id == centre.id))
        await db.execute(delete(User).where(User.id.in_([director.id, teacher.id])))


async def test_first_marks_sent_at_once_all_succeed_and_keep_one_mark_per_student(
    committing: async_sessionmaker[AsyncSession],
    committed_centre: tuple[User, User, Organization, StudyGroup],
    http: httpx.AsyncClient,
    test_keys: TestKeys,
) -> None:
    director, teacher, centre, study_group = committed_centre
    as_director = {"Authorization": f"Bearer {token_for(test_keys, director)}"}
    as_teacher = {"Authorization": f"Bearer {token_for(test_keys, teacher)}"}
    office = f"/api/crm/organizations/{centre.id}"
    group = await http.post(
        f"{office}/groups",
        headers=as_director,
        json={
            "study_group_id": str(study_group.id),
            "starts_on": "2026-09-01",
            "ends_on": "2026-12-31",
            "monthly_price": 30_000_000,
            "capacity": 10,
            "schedule": [{"weekday": 0, "starts_at": "09:00", "ends_at": "10:00"}],
        },
    )
    assert group.status_code == 201, group.json()
    student_ids = []
    for name in ("Ali", "Vali"):
        student = await http.post(
            f"{office}/students", headers=as_director, json={"first_name": name}
        )
        student_ids.append(student.json()["id"])
        enrolled = await http.post(
            f"{office}/groups/{group.json()['id']}/enrolments",
            headers=as_director,
            json={"student_id": student.json()["id"], "starts_on": "2026-09-01"},
        )
        assert enrolled.status_code == 201, enrolled.json()
    await http.post(
        f"{office}/lessons/generate",
        headers=as_director,
        json={"starts_on": "2026-09-07", "ends_on": "2026-09-07"},
    )
    lessons = await http.get(
        f"{office}/lessons",
        headers=as_teacher,
        params={"starts_on": "2026-09-07", "ends_on": "2026-09-07"},
    )
    (lesson,) = lessons.json()
    url = f"{office}/lessons/{lesson['id']}/attendance"

    async def mark(headers: dict[str, str], ali: str) -> httpx.Response:
        return await http.put(
            url,
            headers=headers,
            json={
                "marks": [
                    {"student_id": student_ids[0], "mark": ali},
                    {"student_id": student_ids[1], "mark": "present"},
                ]
            },
        )

    # Every request gets a connection already open, so none runs ahead while others connect.
    await asyncio.gather(
        *(http.get(url.removesuffix("/attendance"), headers=as_teacher) for _ in range(CALLS))
    )
    answers = await asyncio.gather(
        *(
            mark(as_teacher if n % 2 else as_director, "late" if n % 2 else "present")
            for n in range(CALLS)
        )
    )
    assert [a.status_code for a in answers] == [200] * CALLS, [a.json() for a in answers]
    async with committing() as db:
        marks = dict(
            (
                await db.execute(
                    select(Attendance.student_id, func.count())
                    .where(Attendance.lesson_id == uuid.UUID(lesson["id"]))
                    .group_by(Attendance.student_id)
                )
            ).all()
        )
    assert sorted(marks.values()) == [1, 1]
    # Whoever came last decided Ali's mark; the lesson shows it, and Vali is present.
    roster = (await http.get(f"{office}/lessons/{lesson['id']}", headers=as_teacher)).json()
    assert {r["first_name"]: r["mark"] for r in roster["roster"]}["Vali"] == "present"
    assert {r["first_name"]: r["mark"] for r in roster["roster"]}["Ali"] in {"present", "late"}
