"""The lead pipeline as an administrator uses it: stages, leads, duplicates, activities, the end."""

from sqlalchemy.ext.asyncio import AsyncSession

from alif.auth import Role
from alif.testing import Actor, LoginAs
from crm.staff.models import StaffRole
from crm.testing import hire, make_centre


async def _office(login_as: LoginAs, db: AsyncSession) -> tuple[Actor, str]:
    owner = await login_as(Role.organization)
    centre = await make_centre(db, owner.user)
    admin = await login_as(Role.teacher)
    await hire(db, centre, admin.user, StaffRole.administrator)
    return admin, f"/api/crm/organizations/{centre.id}"


async def test_the_pipeline_starts_with_default_stages_the_office_renames_and_extends(
    login_as: LoginAs, db_session: AsyncSession
) -> None:
    admin, office = await _office(login_as, db_session)
    stages = (await admin.get(f"{office}/lead-stages")).json()
    assert [s["name"] for s in stages] == ["Yangi", "Bogʻlanildi", "Sinov darsi", "Muzokara"]
    assert (await admin.get(f"{office}/lead-stages")).json() == stages

    added = await admin.post(f"{office}/lead-stages", json={"name": "Toʻlov kutilmoqda"})
    assert added.status_code == 201
    assert added.json()["position"] == 4
    taken = await admin.post(f"{office}/lead-stages", json={"name": "yangi"})
    assert taken.status_code == 409
    assert taken.json()["error"]["code"] == "stage_name_taken"

    moved = await admin.patch(
        f"{office}/lead-stages/{added.json()['id']}", json={"name": "Toʻlov", "position": 0}
    )
    assert (moved.json()["name"], moved.json()["position"]) == ("Toʻlov", 0)
    renamed_to_taken = await admin.patch(
        f"{office}/lead-stages/{stages[0]['id']}", json={"name": "Muzokara"}
    )
    assert renamed_to_taken.status_code == 409


async def test_a_lead_is_added_with_its_phone_normalised_and_duplicates_are_found(
    login_as: LoginAs, db_session: AsyncSession
) -> None:
    admin, office = await _office(login_as, db_session)
    first = await admin.post(
        f"{office}/leads",
        json={
            "name": "Madina",
            "phone": "90 123 45 67",
            "source": "instagram",
            "subject": "Ingliz",
        },
    )
    assert first.status_code == 201
    lead = first.json()
    assert (lead["phone"], lead["status"], lead["duplicates"]) == ("+998901234567", "open", [])
    stages = (await admin.get(f"{office}/lead-stages")).json()
    assert lead["stage_id"] == stages[0]["id"]

    second = (
        await admin.post(
            f"{office}/leads",
            json={"name": "Madinaning onasi", "phone": "+998 (90) 123-45-67", "source": "telegram"},
        )
    ).json()
    assert [d["id"] for d in second["duplicates"]] == [lead["id"]]
    again = (await admin.get(f"{office}/leads/{lead['id']}")).json()
    assert [d["id"] for d in again["duplicates"]] == [second["id"]]

    found = (await admin.get(f"{office}/leads", params={"phone": "901234567"})).json()
    assert found["total"] == 2
    assert (await admin.get(f"{office}/leads", params={"source": "telegram"})).json()["total"] == 1
    assert (await admin.get(f"{office}/leads", params={"q": "onasi"})).json()["total"] == 1


async def test_a_repeated_add_with_the_same_key_makes_one_lead(
    login_as: LoginAs, db_session: AsyncSession
) -> None:
    admin, office = await _office(login_as, db_session)
    body = {
        "name": "Jasur",
        "phone": "+998935550000",
        "source": "walk_in",
        "idempotency_key": "5b0f4c1e-8f0e-4a44-9e53-0f9d1f2a7c10",
    }
    first = (await admin.post(f"{office}/leads", json=body)).json()
    second = (await admin.post(f"{office}/leads", json=body)).json()
    assert first["id"] == second["id"]
    assert (await admin.get(f"{office}/leads")).json()["total"] == 1


async def test_activities_set_the_next_step_and_a_move_is_recorded(
    login_as: LoginAs, db_session: AsyncSession
) -> None:
    admin, office = await _office(login_as, db_session)
    lead = (
        await admin.post(
            f"{office}/leads",
            json={"name": "Aziz", "phone": "+998911112233", "source": "referral"},
        )
    ).json()
    url = f"{office}/leads/{lead['id']}"
    call = await admin.post(
        f"{url}/activities",
        json={"kind": "trial_booked", "text": "Shanba 10:00", "next_step_on": "2026-12-12"},
    )
    assert call.status_code == 201
    assert (await admin.get(url)).json()["next_step_on"] == "2026-12-12"
    due = await admin.get(f"{office}/leads", params={"next_step_by": "2026-12-12"})
    assert due.json()["total"] == 1
    assert (await admin.get(f"{office}/leads", params={"next_step_by": "2026-12-11"})).json()[
        "total"
    ] == 0

    trial = (await admin.get(f"{office}/lead-stages")).json()[2]
    await admin.patch(url, json={"stage_id": trial["id"]})
    kinds = [a["kind"] for a in (await admin.get(f"{url}/activities")).json()]
    assert sorted(kinds) == ["stage_changed", "trial_booked"]
    forged = await admin.post(f"{url}/activities", json={"kind": "converted"})
    assert forged.status_code == 422


async def test_a_lead_is_given_only_to_the_organizations_staff(
    login_as: LoginAs, db_session: AsyncSession
) -> None:
    admin, office = await _office(login_as, db_session)
    outsider = await login_as(Role.teacher)
    body = {"name": "Aziz", "phone": "+998911112233", "source": "website"}
    refused = await admin.post(f"{office}/leads", json={**body, "assignee_id": str(outsider.id)})
    assert refused.status_code == 422
    assert refused.json()["error"]["code"] == "assignee_not_staff"
    assert (await admin.get(f"{office}/leads")).json()["total"] == 0
    given = await admin.post(f"{office}/leads", json={**body, "assignee_id": str(admin.id)})
    assert given.json()["assignee_id"] == str(admin.id)


async def test_a_lost_lead_keeps_its_reason_and_is_closed(
    login_as: LoginAs, db_session: AsyncSession
) -> None:
    admin, office = await _office(login_as, db_session)
    lead = (
        await admin.post(
            f"{office}/leads", json={"name": "Lola", "phone": "+998977776655", "source": "website"}
        )
    ).json()
    url = f"{office}/leads/{lead['id']}"
    lost = await admin.post(f"{url}/lose", json={"reason": "too_expensive", "note": "Qimmat"})
    assert (lost.json()["status"], lost.json()["lost_reason"]) == ("lost", "too_expensive")
    assert (await admin.post(f"{url}/lose", json={"reason": "too_expensive"})).status_code == 200
    closed = await admin.patch(url, json={"name": "Boshqa"})
    assert closed.status_code == 409
    assert closed.json()["error"]["code"] == "lead_closed"
    converting = await admin.post(
        f"{url}/convert", json={"first_name": "Lola", "parent_phone": "+998977776655"}
    )
    assert converting.status_code == 409
    assert (await admin.get(f"{office}/students")).json()["total"] == 0


async def test_converting_a_lead_makes_one_student_with_the_parents_phone(
    login_as: LoginAs, db_session: AsyncSession
) -> None:
    admin, office = await _office(login_as, db_session)
    lead = (
        await admin.post(
            f"{office}/leads",
            json={"name": "Kamola opa", "phone": "+998901230000", "source": "telegram"},
        )
    ).json()
    url = f"{office}/leads/{lead['id']}/convert"
    body = {
        "first_name": "Sardor",
        "last_name": "Karimov",
        "parent_name": "Kamola",
        "parent_phone": "90 123 00 00",
    }
    converted = await admin.post(url, json=body)
    assert converted.status_code == 200
    student = converted.json()
    assert (student["first_name"], student["parent_phone"]) == ("Sardor", "+998901230000")
    assert (await admin.post(url, json=body)).json()["id"] == student["id"]

    after = (await admin.get(f"{office}/leads/{lead['id']}")).json()
    assert (after["status"], after["student_id"]) == ("won", student["id"])
    assert [s["id"] for s in after["students_with_phone"]] == [student["id"]]
    students = (await admin.get(f"{office}/students")).json()
    assert [s["id"] for s in students["items"]] == [student["id"]]
