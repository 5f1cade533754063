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


async def test_a_discount_changes_and_an_enrolment_freezes_for_a_period(
    login_as: LoginAs, db_session: AsyncSession
) -> None:
    director = await login_as(Role.organization)
    centre = await make_centre(db_session, director.user)
    office = f"/api/crm/organizations/{centre.id}"
    group = await _group(
        director,
        office,
        (await make_study_group(db_session, director.user, organization=centre)).id,
        capacity=5,
        weekday=0,
    )
    student = (await director.post(f"{office}/students", json={"first_name": "Ali"})).json()
    enrolment = (
        await director.post(
            f"{group}/enrolments", json={"student_id": student["id"], "starts_on": "2026-09-01"}
        )
    ).json()
    url = f"{group}/enrolments/{enrolment['id']}"

    fixed = await director.put(
        f"{url}/discount", json={"discount_amount": 5_000_000, "discount_reason": "Yetim"}
    )
    assert (fixed.json()["discount_amount"], fixed.json()["discount_reason"]) == (
        5_000_000,
        "Yetim",
    )
    both = await director.put(
        f"{url}/discount",
        json={"discount_percent": 10, "discount_amount": 1, "discount_reason": "x"},
    )
    assert both.status_code == 422
    removed = await director.put(f"{url}/discount", json={})
    assert (removed.json()["discount_amount"], removed.json()["discount_percent"]) == (0, 0)

    frozen = await director.post(
        f"{url}/freezes",
        json={"starts_on": "2026-10-05", "ends_on": "2026-10-18", "reason": "Kasal"},
    )
    assert frozen.status_code == 201
    (freeze,) = frozen.json()["freezes"]
    assert (freeze["starts_on"], freeze["ends_on"]) == ("2026-10-05", "2026-10-18")
    overlapping = await director.post(
        f"{url}/freezes",
        json={"starts_on": "2026-10-18", "ends_on": "2026-10-25", "reason": "Safar"},
    )
    assert overlapping.json()["error"]["code"] == "freeze_overlaps"
    before_joining = await director.post(
        f"{url}/freezes",
        json={"starts_on": "2026-08-20", "ends_on": "2026-09-05", "reason": "Safar"},
    )
    assert before_joining.json()["error"]["code"] == "outside_enrolment"
    listed = (await director.get(f"{group}/enrolments")).json()
    assert [f["id"] for f in listed[0]["freezes"]] == [freeze["id"]]
    lifted = await director.delete(f"{url}/freezes/{freeze['id']}")
    assert lifted.json()["freezes"] == []
    again = await director.delete(f"{url}/freezes/{freeze['id']}")
    assert again.json()["error"]["code"] == "freeze_not_found"


async def test_a_group_charges_by_the_month_or_by_the_lesson(
    login_as: LoginAs, db_session: AsyncSession
) -> None:
    director = await login_as(Role.organization)
    centre = await make_centre(db_session, director.user)
    office = f"/api/crm/organizations/{centre.id}"
    study_group = await make_study_group(db_session, director.user, organization=centre)
    created = await director.post(
        f"{office}/groups",
        json={
            "study_group_id": str(study_group.id),
            "starts_on": "2026-09-01",
            "billing": "per_lesson",
            "monthly_price": 0,
            "lesson_price": 5_000_000,
            "capacity": 5,
        },
    )
    assert (created.json()["billing"], created.json()["lesson_price"]) == ("per_lesson", 5_000_000)
    monthly = await director.put(
        f"{office}/groups/{created.json()['id']}",
        json={"starts_on": "2026-09-01", "monthly_price": 40_000_000, "capacity": 5},
    )
    assert (monthly.json()["billing"], monthly.json()["monthly_price"]) == ("monthly", 40_000_000)
