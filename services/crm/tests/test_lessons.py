"""Lessons from the weekly schedule across holidays; moves, cancellations and make-ups; a
teacher's day and attendance marked by the group's teacher."""

from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from alif.auth import Role
from alif.testing import Actor, LoginAs, make_study_group
from crm.staff.models import StaffRole
from crm.testing import hire, make_centre


async def _setup(login_as: LoginAs, db: AsyncSession) -> dict[str, Any]:
    director = await login_as(Role.organization)
    centre = await make_centre(db, director.user)
    office = f"/api/crm/organizations/{centre.id}"
    teacher = await login_as(Role.teacher)
    other_teacher = await login_as(Role.teacher)
    cashier = await login_as(Role.teacher)
    await hire(db, centre, teacher.user, StaffRole.teacher)
    await hire(db, centre, other_teacher.user, StaffRole.teacher)
    await hire(db, centre, cashier.user, StaffRole.cashier)
    room = (await director.post(f"{office}/rooms", json={"name": "1-xona", "seats": 12})).json()
    groups = []
    for name, who, slots in (
        ("Ingliz A1", teacher, [(0, "14:00", "15:30"), (3, "14:00", "15:30")]),
        ("Matematika", teacher, [(2, "10:00", "11:00")]),
        ("Rus tili", other_teacher, [(0, "16:00", "17:00")]),
    ):
        study_group = await make_study_group(db, who.user, organization=centre, name=name)
        created = await director.post(
            f"{office}/groups",
            json={
                "study_group_id": str(study_group.id),
                "room_id": room["id"],
                "starts_on": "2026-09-01",
                "ends_on": "2026-12-31",
                "monthly_price": 40_000_000,
                "capacity": 10,
                "schedule": [{"weekday": d, "starts_at": s, "ends_at": e} for d, s, e in slots],
            },
        )
        assert created.status_code == 201, created.json()
        groups.append(created.json())
    return {
        "director": director,
        "teacher": teacher,
        "other_teacher": other_teacher,
        "cashier": cashier,
        "office": office,
        "room": room,
        "groups": groups,
    }


async def _lessons(actor: Actor, office: str, starts_on: str, ends_on: str, **query: str) -> Any:
    response = await actor.get(
        f"{office}/lessons", params={"starts_on": starts_on, "ends_on": ends_on, **query}
    )
    assert response.status_code == 200, response.json()
    return response.json()


async def test_lessons_follow_the_schedule_and_skip_holidays(
    login_as: LoginAs, db_session: AsyncSession
) -> None:
    s = await _setup(login_as, db_session)
    director, office = s["director"], s["office"]
    english = s["groups"][0]["id"]
    # September 2026 starts on a Tuesday: Mondays 7, 14, 21, 28; Thursdays 3, 10, 17, 24.
    holiday = await director.post(f"{office}/holidays", json={"on": "2026-09-14", "name": "Bayram"})
    assert holiday.status_code == 201
    generate = {"starts_on": "2026-09-01", "ends_on": "2026-09-30", "group_id": english}
    first = await director.post(f"{office}/lessons/generate", json=generate)
    assert first.json() == {"created": 7}
    again = await director.post(f"{office}/lessons/generate", json=generate)
    assert again.json() == {"created": 0}
    days = [x["on"] for x in await _lessons(director, office, "2026-09-01", "2026-09-30")]
    assert days == [
        "2026-09-03",
        "2026-09-07",
        "2026-09-10",
        "2026-09-17",
        "2026-09-21",
        "2026-09-24",
        "2026-09-28",
    ]
    # A holiday declared after the lessons were made cancels that day's lesson, keeping it.
    await director.post(f"{office}/holidays", json={"on": "2026-09-21", "name": "Ta'til"})
    listed = await _lessons(director, office, "2026-09-21", "2026-09-21")
    assert [(x["status"], x["cancel_reason"]) for x in listed] == [("cancelled", "Taʼtil")]
    twice = await director.post(f"{office}/holidays", json={"on": "2026-09-21", "name": "x"})
    assert twice.json()["error"]["code"] == "holiday_exists"
    too_long = await director.post(
        f"{office}/lessons/generate", json={"starts_on": "2026-09-01", "ends_on": "2027-09-01"}
    )
    assert too_long.json()["error"]["code"] == "period_too_long"


async def test_a_lesson_moves_unless_the_teacher_or_room_is_busy_and_a_teacher_sees_their_day(
    login_as: LoginAs, db_session: AsyncSession
) -> None:
    s = await _setup(login_as, db_session)
    director, office, teacher = s["director"], s["office"], s["teacher"]
    await director.post(
        f"{office}/lessons/generate", json={"starts_on": "2026-09-07", "ends_on": "2026-09-13"}
    )
    monday = await _lessons(director, office, "2026-09-07", "2026-09-07")
    assert [x["group_name"] for x in monday] == ["Ingliz A1", "Rus tili"]
    english, russian = monday
    # Into the Russian lesson's room and hour: the room is busy.
    busy = await director.post(
        f"{office}/lessons/{english['id']}/move",
        json={
            "on": "2026-09-07",
            "starts_at": "16:30",
            "ends_at": "17:30",
            "room_id": s["room"]["id"],
        },
    )
    assert busy.status_code == 409
    assert busy.json()["error"]["details"]["collisions"][0]["lesson_id"] == russian["id"]
    moved = await director.post(
        f"{office}/lessons/{english['id']}/move",
        json={"on": "2026-09-08", "starts_at": "14:00", "ends_at": "15:30"},
    )
    assert (moved.json()["on"], moved.json()["moved"]) == ("2026-09-08", True)
    # Made again, the week does not get the moved lesson back at its old time.
    await director.post(
        f"{office}/lessons/generate", json={"starts_on": "2026-09-07", "ends_on": "2026-09-13"}
    )
    assert len(await _lessons(director, office, "2026-09-07", "2026-09-07")) == 1

    # The teacher's week: their two groups' lessons, not the other teacher's.
    mine = await _lessons(teacher, office, "2026-09-07", "2026-09-13")
    assert {x["group_name"] for x in mine} == {"Ingliz A1", "Matematika"}
    other = await teacher.get(f"{office}/lessons/{russian['id']}")
    assert other.status_code == 404
    # The room's week, asked by the director.
    room_week = await _lessons(
        director, office, "2026-09-07", "2026-09-13", room_id=s["room"]["id"]
    )
    assert len(room_week) == 3  # the moved lesson kept no room
    cancelled = await director.post(
        f"{office}/lessons/{russian['id']}/cancel", json={"reason": "Oʻqituvchi kasal"}
    )
    assert cancelled.json()["status"] == "cancelled"
    assert (
        await teacher.post(f"{office}/lessons/{russian['id']}/cancel", json={"reason": "x"})
    ).status_code == 403


async def test_the_groups_teacher_marks_attendance_of_the_students_on_the_list(
    login_as: LoginAs, db_session: AsyncSession
) -> None:
    s = await _setup(login_as, db_session)
    director, office, teacher = s["director"], s["office"], s["teacher"]
    group = f"{office}/groups/{s['groups'][0]['id']}"
    ids = []
    for name in ("Ali", "Vali", "Soli"):
        student = (await director.post(f"{office}/students", json={"first_name": name})).json()
        enrolment = await director.post(
            f"{group}/enrolments", json={"student_id": student["id"], "starts_on": "2026-09-01"}
        )
        ids.append((student["id"], enrolment.json()["id"]))
    # Soli is frozen that week, so not on Monday's list.
    await director.post(
        f"{group}/enrolments/{ids[2][1]}/freezes",
        json={"starts_on": "2026-09-07", "ends_on": "2026-09-13", "reason": "Kasal"},
    )
    await director.post(
        f"{office}/lessons/generate", json={"starts_on": "2026-09-07", "ends_on": "2026-09-07"}
    )
    english = (await _lessons(teacher, office, "2026-09-07", "2026-09-07"))[0]
    url = f"{office}/lessons/{english['id']}"
    before = (await teacher.get(url)).json()
    assert [(r["first_name"], r["mark"]) for r in before["roster"]] == [
        ("Ali", None),
        ("Vali", None),
    ]
    marked = await teacher.put(
        f"{url}/attendance",
        json={
            "marks": [
                {"student_id": ids[0][0], "mark": "present"},
                {"student_id": ids[1][0], "mark": "absent"},
            ]
        },
    )
    assert [r["mark"] for r in marked.json()["roster"]] == ["present", "absent"]
    changed = await teacher.put(
        f"{url}/attendance", json={"marks": [{"student_id": ids[1][0], "mark": "late"}]}
    )
    assert [r["mark"] for r in changed.json()["roster"]] == ["present", "late"]
    frozen = await teacher.put(
        f"{url}/attendance", json={"marks": [{"student_id": ids[2][0], "mark": "present"}]}
    )
    assert frozen.json()["error"]["code"] == "not_on_roster"
    # Another teacher does not find the lesson; the cashier may not mark.
    assert (
        await s["other_teacher"].put(
            f"{url}/attendance", json={"marks": [{"student_id": ids[0][0], "mark": "absent"}]}
        )
    ).status_code == 404
    assert (
        await s["cashier"].put(
            f"{url}/attendance", json={"marks": [{"student_id": ids[0][0], "mark": "absent"}]}
        )
    ).status_code == 403

    # Vali makes up the lesson on Friday; only he is on the make-up's list.
    makeup = await director.post(
        f"{office}/lessons",
        json={
            "group_id": s["groups"][0]["id"],
            "on": "2026-09-11",
            "starts_at": "16:00",
            "ends_at": "17:00",
            "students": [{"student_id": ids[1][0], "missed_lesson_id": english["id"]}],
        },
    )
    assert makeup.status_code == 201
    assert makeup.json()["kind"] == "makeup"
    assert [r["first_name"] for r in makeup.json()["roster"]] == ["Vali"]
    await director.post(f"{url}/cancel", json={"reason": "Chiroq yoʻq"})
    after_cancel = await teacher.put(
        f"{url}/attendance", json={"marks": [{"student_id": ids[0][0], "mark": "absent"}]}
    )
    assert after_cancel.json()["error"]["code"] == "lesson_cancelled"
