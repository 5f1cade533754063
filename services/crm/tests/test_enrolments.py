"""Enrolling students in a group from a date, with discounts; capacity; leaving; transfers."""

from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from alif.auth import Role
from alif.testing import Actor, LoginAs, make_study_group
from crm.testing import make_centre


async def _group(
    director: Actor, office: str, study_group_id: Any, capacity: int, weekday: int
) -> str:
    response = await director.post(
        f"{office}/groups",
        json={
            "study_group_id": str(study_group_id),
            "starts_on": "2026-09-01",
            "ends_on": "2027-05-31",
            "monthly_price": 40_000_000,
            "capacity": capacity,
            "schedule": [{"weekday": weekday, "starts_at": "10:00", "ends_at": "11:00"}],
        },
    )
    assert response.status_code == 201
    return f"{office}/groups/{response.json()['id']}"


async def test_students_enrol_with_discounts_until_the_group_is_full(
    login_as: LoginAs, db_session: AsyncSession
) -> None:
    director = await login_as(Role.organization)
    centre = await make_centre(db_session, director.user)
    office = f"/api/crm/organizations/{centre.id}"
    group = await _group(
        director,
        office,
        (await make_study_group(db_session, director.user, organization=centre)).id,
        capacity=2,
        weekday=0,
    )
    ids = [
        (await director.post(f"{office}/students", json={"first_name": name})).json()["id"]
        for name in ("Ali", "Vali", "Soli")
    ]
    first = await director.post(
        f"{group}/enrolments",
        json={
            "student_id": ids[0],
            "starts_on": "2026-09-15",
            "discount_percent": 10,
            "discount_reason": "Aka-uka",
        },
    )
    assert first.status_code == 201
    assert (first.json()["discount_percent"], first.json()["ends_on"]) == (10, None)
    twice = await director.post(
        f"{group}/enrolments", json={"student_id": ids[0], "starts_on": "2026-10-01"}
    )
    assert twice.json()["error"]["code"] == "already_enrolled"
    no_reason = await director.post(
        f"{group}/enrolments",
        json={"student_id": ids[1], "starts_on": "2026-09-01", "discount_amount": 5_000_000},
    )
    assert no_reason.status_code == 422
    before_start = await director.post(
        f"{group}/enrolments", json={"student_id": ids[1], "starts_on": "2026-08-01"}
    )
    assert before_start.json()["error"]["code"] == "outside_group_dates"
    assert (
        await director.post(
            f"{group}/enrolments", json={"student_id": ids[1], "starts_on": "2026-09-01"}
        )
    ).status_code == 201
    full = await director.post(
        f"{group}/enrolments", json={"student_id": ids[2], "starts_on": "2026-09-01"}
    )
    assert full.status_code == 409
    assert full.json()["error"]["code"] == "group_full"

    # Someone leaves at the end of October: from November there is a place.
    left = await director.post(
        f"{group}/enrolments/{first.json()['id']}/leave", json={"on": "2026-10-31"}
    )
    assert left.json()["ends_on"] == "2026-10-31"
    assert (
        await director.post(
            f"{group}/enrolments", json={"student_id": ids[2], "starts_on": "2026-10-15"}
        )
    ).json()["error"]["code"] == "group_full"
    assert (
        await director.post(
            f"{group}/enrolments", json={"student_id": ids[2], "starts_on": "2026-11-01"}
        )
    ).status_code == 201
    assert len((await director.get(f"{group}/enrolments")).json()) == 3
    too_early = await director.post(
        f"{group}/enrolments/{first.json()['id']}/leave", json={"on": "2026-09-01"}
    )
    assert too_early.json()["error"]["code"] == "leaves_before_joining"


async def test_a_transfer_moves_the_student_and_the_discount(
    login_as: LoginAs, db_session: AsyncSession
) -> None:
    director = await login_as(Role.organization)
    centre = await make_centre(db_session, director.user)
    rival = await login_as(Role.organization)
    rival_centre = await make_centre(db_session, rival.user, "Raqib")
    office = f"/api/crm/organizations/{centre.id}"
    source = await _group(
        director,
        office,
        (await make_study_group(db_session, director.user, organization=centre)).id,
        capacity=5,
        weekday=0,
    )
    target = await _group(
        director,
        office,
        (await make_study_group(db_session, director.user, organization=centre, name="B")).id,
        capacity=5,
        weekday=3,
    )
    their_group = await _group(
        rival,
        f"/api/crm/organizations/{rival_centre.id}",
        (await make_study_group(db_session, rival.user, organization=rival_centre)).id,
        capacity=5,
        weekday=0,
    )
    student = (await director.post(f"{office}/students", json={"first_name": "Ali"})).json()
    enrolment = (
        await director.post(
            f"{source}/enrolments",
            json={
                "student_id": student["id"],
                "starts_on": "2026-09-01",
                "discount_amount": 5_000_000,
                "discount_reason": "Xodim farzandi",
            },
        )
    ).json()
    url = f"{source}/enrolments/{enrolment['id']}/transfer"
    on_joining_day = await director.post(
        url, json={"to_group_id": target.rsplit("/", 1)[1], "on": "0001-01-01"}
    )
    assert on_joining_day.json()["error"]["code"] == "leaves_before_joining"
    to_theirs = await director.post(
        url, json={"to_group_id": their_group.rsplit("/", 1)[1], "on": "2026-11-01"}
    )
    assert to_theirs.status_code == 404
    moved = await director.post(
        url, json={"to_group_id": target.rsplit("/", 1)[1], "on": "2026-11-01"}
    )
    assert moved.status_code == 201
    assert (moved.json()["starts_on"], moved.json()["discount_amount"]) == ("2026-11-01", 5_000_000)
    old = (await director.get(f"{source}/enrolments")).json()
    assert old[0]["ends_on"] == "2026-10-31"
