"""Student cards: added once per key, searched by name and phone, changed field by field."""

from sqlalchemy.ext.asyncio import AsyncSession

from alif.auth import Role
from alif.testing import LoginAs
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
