"""Groups: a kernel study group with the office's room, dates, price and weekly schedule; a room
or a teacher in two places at once is refused with what it collides with."""

from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from alif.auth import Role
from alif.testing import Actor, LoginAs, make_study_group
from crm.staff.models import StaffRole
from crm.testing import hire, make_centre

MON_WED = [
    {"weekday": 0, "starts_at": "14:00", "ends_at": "15:30"},
    {"weekday": 2, "starts_at": "14:00", "ends_at": "15:30"},
]


def _settings(
    study_group_id: Any, room_id: str | None, schedule: list[dict[str, str | int]], **extra: Any
) -> dict[str, Any]:
    return {
        "study_group_id": str(study_group_id),
        "room_id": room_id,
        "starts_on": "2026-09-01",
        "monthly_price": 45_000_000,
        "capacity": 12,
        "schedule": schedule,
        **extra,
    }


async def _office(login_as: LoginAs, db: AsyncSession) -> tuple[Actor, Actor, Any, str]:
    director = await login_as(Role.organization)
    centre = await make_centre(db, director.user)
    teacher = await login_as(Role.teacher)
    await hire(db, centre, teacher.user, StaffRole.teacher)
    return director, teacher, centre, f"/api/crm/organizations/{centre.id}"


async def test_a_study_group_gets_its_room_price_and_schedule(
    login_as: LoginAs, db_session: AsyncSession
) -> None:
    director, teacher, centre, office = await _office(login_as, db_session)
    study_group = await make_study_group(
        db_session, teacher.user, organization=centre, name="Ingliz A1"
    )
    room = (await director.post(f"{office}/rooms", json={"name": "1-xona", "seats": 14})).json()
    taken = await director.post(f"{office}/rooms", json={"name": "1-XONA", "seats": 3})
    assert taken.status_code == 409

    added = await director.post(
        f"{office}/groups", json=_settings(study_group.id, room["id"], MON_WED)
    )
    assert added.status_code == 201
    group = added.json()
    assert (group["name"], group["teacher_id"], group["monthly_price"]) == (
        "Ingliz A1",
        str(teacher.id),
        45_000_000,
    )
    assert [(s["weekday"], s["starts_at"]) for s in group["schedule"]] == [
        (0, "14:00:00"),
        (2, "14:00:00"),
    ]
    again = await director.post(f"{office}/groups", json=_settings(study_group.id, None, []))
    assert again.status_code == 409
    assert again.json()["error"]["code"] == "group_exists"

    # The teacher sees the group they teach, another teacher of the centre does not; the price
    # is changed by the office only.
    assert [g["id"] for g in (await teacher.get(f"{office}/groups")).json()] == [group["id"]]
    colleague = await login_as(Role.teacher)
    await hire(db_session, centre, colleague.user, StaffRole.teacher)
    assert (await colleague.get(f"{office}/groups")).json() == []
    hidden = await colleague.get(f"{office}/groups/{group['id']}")
    assert hidden.json()["error"]["code"] == "group_not_found"
    refused = await teacher.put(
        f"{office}/groups/{group['id']}",
        json={"starts_on": "2026-09-01", "monthly_price": 0, "capacity": 12},
    )
    assert refused.status_code == 403


async def test_a_busy_room_or_teacher_is_refused_with_what_it_collides_with(
    login_as: LoginAs, db_session: AsyncSession
) -> None:
    director, teacher, centre, office = await _office(login_as, db_session)
    other_teacher = await login_as(Role.teacher)
    first = await make_study_group(db_session, teacher.user, organization=centre, name="Ingliz A1")
    same_teacher = await make_study_group(db_session, teacher.user, organization=centre, name="B1")
    same_room = await make_study_group(
        db_session, other_teacher.user, organization=centre, name="Matematika"
    )
    room = (await director.post(f"{office}/rooms", json={"name": "1-xona", "seats": 14})).json()
    other_room = (
        await director.post(f"{office}/rooms", json={"name": "2-xona", "seats": 9})
    ).json()
    existing = (
        await director.post(f"{office}/groups", json=_settings(first.id, room["id"], MON_WED))
    ).json()

    overlapping = [{"weekday": 2, "starts_at": "15:00", "ends_at": "16:00"}]
    busy_room = await director.post(
        f"{office}/groups", json=_settings(same_room.id, room["id"], overlapping)
    )
    assert busy_room.status_code == 409
    error = busy_room.json()["error"]
    assert error["code"] == "schedule_conflict"
    assert error["details"]["collisions"] == [
        {
            "group_id": existing["id"],
            "group_name": "Ingliz A1",
            "busy": "room",
            "weekday": 2,
            "starts_at": "14:00:00",
            "ends_at": "15:30:00",
        }
    ]
    busy_teacher = await director.post(
        f"{office}/groups", json=_settings(same_teacher.id, other_room["id"], overlapping)
    )
    assert [c["busy"] for c in busy_teacher.json()["error"]["details"]["collisions"]] == ["teacher"]
    assert len((await director.get(f"{office}/groups")).json()) == 1

    # Right after the lesson, or in a term that starts after the group ends, is free.
    after = [{"weekday": 2, "starts_at": "15:30", "ends_at": "17:00"}]
    fine = await director.post(f"{office}/groups", json=_settings(same_room.id, room["id"], after))
    assert fine.status_code == 201
    await director.put(
        f"{office}/groups/{existing['id']}",
        json={
            "room_id": room["id"],
            "starts_on": "2026-09-01",
            "ends_on": "2026-12-31",
            "monthly_price": 45_000_000,
            "capacity": 12,
            "schedule": MON_WED,
        },
    )
    next_term = await director.post(
        f"{office}/groups",
        json=_settings(same_teacher.id, room["id"], MON_WED, starts_on="2027-01-05"),
    )
    assert next_term.status_code == 201
    moved_onto = await director.put(
        f"{office}/groups/{fine.json()['id']}",
        json={
            "room_id": room["id"],
            "starts_on": "2026-09-01",
            "monthly_price": 1,
            "capacity": 5,
            "schedule": MON_WED,
        },
    )
    assert moved_onto.status_code == 409


async def test_another_organizations_study_group_or_room_cannot_be_used(
    login_as: LoginAs, db_session: AsyncSession
) -> None:
    director, teacher, centre, office = await _office(login_as, db_session)
    rival = await login_as(Role.organization)
    rival_centre = await make_centre(db_session, rival.user, "Raqib")
    theirs = await make_study_group(db_session, rival.user, organization=rival_centre)
    mine = await make_study_group(db_session, teacher.user, organization=centre)
    their_room = (
        await rival.post(
            f"/api/crm/organizations/{rival_centre.id}/rooms", json={"name": "Zal", "seats": 30}
        )
    ).json()

    stolen = await director.post(f"{office}/groups", json=_settings(theirs.id, None, []))
    assert stolen.status_code == 404
    assert stolen.json()["error"]["code"] == "study_group_not_found"
    their_room_used = await director.post(
        f"{office}/groups", json=_settings(mine.id, their_room["id"], [])
    )
    assert their_room_used.status_code == 404
    assert their_room_used.json()["error"]["code"] == "room_not_found"
    bad = await director.post(
        f"{office}/groups",
        json=_settings(mine.id, None, [{"weekday": 7, "starts_at": "10:00", "ends_at": "09:00"}]),
    )
    assert bad.status_code == 422
    with_zone = await director.post(
        f"{office}/groups",
        json=_settings(
            mine.id, None, [{"weekday": 1, "starts_at": "10:00+05:00", "ends_at": "11:00"}]
        ),
    )
    assert with_zone.status_code == 422
