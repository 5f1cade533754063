"""Student cards: added once per key, searched by name and phone, changed field by field."""

from sqlalchemy.ext.asyncio import AsyncSession

from alif.auth import Role
from alif.testing import LoginAs, make_study_group
from crm.testing import make_centre


async def test_a_student_card_is_added_found_and_changed(
    login_as: LoginAs, db_session: AsyncSession
) -> None:
    director = await login_as(Role.organization)
    centre = await make_centre(db_session, director.user)
    url = f"/api/crm/organizations/{centre.id}/students"
    body = {
        "first_name": "Oʻgʻiloy",
        "last_name": "Rahimova",
        "parent_phone": "+998 90 765 43 21",
        "birth_date": "2015-03-01",
        "idempotency_key": "0d8a2d6c-2a43-4c55-9a0c-3b8f2f1f0a11",
    }
    added = await director.post(url, json=body)
    assert added.status_code == 201
    student = added.json()
    assert student["parent_phone"] == "+998907654321"
    assert (await director.post(url, json=body)).json()["id"] == student["id"]

    assert (await director.get(url, params={"q": "o'g'iloy"})).json()["total"] == 1
    assert (await director.get(url, params={"phone": "907654321"})).json()["total"] == 1
    assert (await director.get(url, params={"q": "Ali"})).json()["total"] == 0

    changed = await director.patch(
        f"{url}/{student['id']}", json={"notes": "Ingliz tili, A1", "birth_date": None}
    )
    assert (changed.json()["notes"], changed.json()["birth_date"]) == ("Ingliz tili, A1", None)
    assert changed.json()["first_name"] == "Oʻgʻiloy"
    bad = await director.patch(f"{url}/{student['id']}", json={"parent_phone": "123"})
    assert bad.status_code == 422


async def test_a_cards_history_shows_what_changed_who_changed_it_and_the_groups(
    login_as: LoginAs, db_session: AsyncSession
) -> None:
    director = await login_as(Role.organization, first_name="Dilshod", last_name="Rahimov")
    centre = await make_centre(db_session, director.user)
    office = f"/api/crm/organizations/{centre.id}"
    student = (
        await director.post(
            f"{office}/students", json={"first_name": "Ali", "parent_phone": "90 111 22 33"}
        )
    ).json()
    card = f"{office}/students/{student['id']}"
    await director.patch(card, json={"parent_phone": "93 444 55 66", "notes": "Chap qoʻlda"})
    await director.patch(card, json={"notes": "Chap qoʻlda"})  # nothing changes: no event
    study_group = await make_study_group(db_session, director.user, organization=centre)
    group = (
        await director.post(
            f"{office}/groups",
            json={
                "study_group_id": str(study_group.id),
                "starts_on": "2026-09-01",
                "monthly_price": 30_000_000,
                "capacity": 5,
            },
        )
    ).json()
    enrolment = (
        await director.post(
            f"{office}/groups/{group['id']}/enrolments",
            json={"student_id": student["id"], "starts_on": "2026-09-01"},
        )
    ).json()
    await director.post(
        f"{office}/groups/{group['id']}/enrolments/{enrolment['id']}/freezes",
        json={"starts_on": "2026-10-01", "ends_on": "2026-10-10", "reason": "Kasal"},
    )
    await director.post(
        f"{office}/groups/{group['id']}/enrolments/{enrolment['id']}/leave",
        json={"on": "2026-12-31"},
    )

    events = (await director.get(f"{card}/history")).json()
    assert [e["kind"] for e in events] == ["left", "frozen", "enrolled", "changed", "created"]
    changed = events[3]
    assert changed["by"] == "Dilshod Rahimov"
    assert changed["details"]["fields"] == {
        "parent_phone": {"from": "+998901112233", "to": "+998934445566"},
        "notes": {"from": "", "to": "Chap qoʻlda"},
    }
    assert events[1]["details"]["reason"] == "Kasal"
    assert events[0]["details"]["on"] == "2026-12-31"
    other = await login_as(Role.organization)
    other_centre = await make_centre(db_session, other.user, "Boshqa")
    foreign = f"/api/crm/organizations/{other_centre.id}/students/{student['id']}/history"
    assert (await other.get(foreign)).status_code == 404
