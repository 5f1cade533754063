"""The office's tables sort on the server: leads and students by the column the web app asks."""

from sqlalchemy.ext.asyncio import AsyncSession

from alif.auth import Role
from alif.testing import LoginAs
from crm.staff.models import StaffRole
from crm.testing import hire, make_centre


async def test_leads_sort_by_name_and_next_step_with_undated_ones_last(
    login_as: LoginAs, db_session: AsyncSession
) -> None:
    owner = await login_as(Role.organization)
    centre = await make_centre(db_session, owner.user)
    admin = await login_as(Role.teacher)
    await hire(db_session, centre, admin.user, StaffRole.administrator)
    office = f"/api/crm/organizations/{centre.id}"
    for name, phone, next_step in [
        ("Bobur", "901000001", "2026-12-10"),
        ("Anvar", "901000002", None),
        ("Dilnoza", "901000003", "2026-12-08"),
        ("Charos", "901000004", "2026-12-09"),
    ]:
        added = await admin.post(
            f"{office}/leads",
            json={"name": name, "phone": phone, "source": "telegram", "next_step_on": next_step},
        )
        assert added.status_code == 201

    async def names(sort: str | None, **extra: str | int) -> list[str]:
        params: dict[str, str | int] = {**extra, **({"sort": sort} if sort else {})}
        answer = await admin.get(f"{office}/leads", params=params)
        assert answer.status_code == 200
        return [lead["name"] for lead in answer.json()["items"]]

    assert await names(None) == ["Charos", "Dilnoza", "Anvar", "Bobur"]  # newest first
    assert await names("name") == ["Anvar", "Bobur", "Charos", "Dilnoza"]
    assert await names("-name") == ["Dilnoza", "Charos", "Bobur", "Anvar"]
    assert await names("next_step_on") == ["Dilnoza", "Charos", "Bobur", "Anvar"]
    assert await names("-next_step_on") == ["Bobur", "Charos", "Dilnoza", "Anvar"]
    assert await names("name", limit=2, offset=2) == ["Charos", "Dilnoza"]
    refused = await admin.get(f"{office}/leads", params={"sort": "phone; drop table"})
    assert refused.status_code == 422


async def test_students_sort_by_name_or_by_when_they_were_added(
    login_as: LoginAs, db_session: AsyncSession
) -> None:
    owner = await login_as(Role.organization)
    centre = await make_centre(db_session, owner.user)
    office = f"/api/crm/organizations/{centre.id}"
    for first, last in [("Zafar", "Aliyev"), ("Aziz", "Yoqubov"), ("Bahrom", "Aliyev")]:
        added = await owner.post(
            f"{office}/students", json={"first_name": first, "last_name": last}
        )
        assert added.status_code == 201

    async def names(sort: str) -> list[str]:
        answer = await owner.get(f"{office}/students", params={"sort": sort})
        return [s["first_name"] for s in answer.json()["items"]]

    assert await names("name") == ["Bahrom", "Zafar", "Aziz"]
    assert await names("-name") == ["Aziz", "Zafar", "Bahrom"]
    assert await names("created_at") == ["Zafar", "Aziz", "Bahrom"]
    assert await names("-created_at") == ["Bahrom", "Aziz", "Zafar"]
