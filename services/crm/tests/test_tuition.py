"""Tuition links in the office: who makes them, that another centre neither sees nor makes one
for a student not its own, a retried request makes one link, and the link goes to the parent by
SMS only through the confirm step. (Paying one through Payme and Click: main's test_tuition.py.)"""

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from alif.auth import Role
from alif.notifications.models import SmsMessage
from alif.testing import LoginAs
from crm.staff.models import StaffRole
from crm.testing import hire, make_centre

LINK = {"amount": 45_000_000, "month": "2026-12"}


async def test_the_office_makes_a_link_and_another_centre_sees_none_of_it(
    login_as: LoginAs, db_session: AsyncSession
) -> None:
    director = await login_as(Role.organization)
    centre = await make_centre(db_session, director.user, "Ziyo")
    office = f"/api/crm/organizations/{centre.id}"
    staff = {}
    for role in (StaffRole.administrator, StaffRole.cashier, StaffRole.teacher):
        staff[role] = await login_as(Role.teacher)
        await hire(db_session, centre, staff[role].user, role)
    student = (
        await director.post(
            f"{office}/students",
            json={"first_name": "Ali", "last_name": "Valiyev", "parent_phone": "90 123 45 67"},
        )
    ).json()
    links = f"{office}/students/{student['id']}/payment-links"

    # The cashier and the administrator make links; a teacher may not.
    assert (await staff[StaffRole.teacher].post(links, json=LINK)).status_code == 403
    made = await staff[StaffRole.administrator].post(
        links, json={**LINK, "idempotency_key": "k" * 8}
    )
    assert made.status_code == 201, made.json()
    retried = await staff[StaffRole.administrator].post(
        links, json={**LINK, "idempotency_key": "k" * 8}
    )
    assert retried.json()["id"] == made.json()["id"]
    assert (await staff[StaffRole.cashier].post(links, json=LINK)).status_code == 201
    listed = (await staff[StaffRole.cashier].get(links)).json()
    assert [(row["status"], row["amount"], row["month"]) for row in listed] == [
        ("waiting", 45_000_000, "2026-12-01")
    ] * 2

    # Another centre's director: A's student is not found, nor A's link; B's own lists nothing.
    other = await login_as(Role.organization)
    other_centre = await make_centre(db_session, other.user, "Boshqa")
    theirs = f"/api/crm/organizations/{other_centre.id}"
    assert (await other.post(f"{theirs}/students/{student['id']}/payment-links", json=LINK)).json()[
        "error"
    ]["code"] == "student_not_found"
    assert (await other.get(f"{theirs}/students/{student['id']}/payment-links")).status_code == 404
    cancel = await other.post(f"{theirs}/payment-links/{made.json()['id']}/cancel")
    assert cancel.json()["error"]["code"] == "payment_link_not_found"
    assert (await other.post(links, json=LINK)).status_code == 404
    assert [row["status"] for row in (await director.get(links)).json()] == ["waiting"] * 2


async def test_a_link_goes_to_the_parent_only_after_a_person_confirms_the_sms(
    login_as: LoginAs, db_session: AsyncSession
) -> None:
    director = await login_as(Role.organization)
    centre = await make_centre(db_session, director.user, "Ziyo")
    office = f"/api/crm/organizations/{centre.id}"
    student = (
        await director.post(
            f"{office}/students",
            json={"first_name": "Ali", "last_name": "Valiyev", "parent_phone": "90 123 45 67"},
        )
    ).json()
    link = (
        await director.post(f"{office}/students/{student['id']}/payment-links", json=LINK)
    ).json()
    draft = await director.post(f"{office}/sms/payment-link", json={"link_id": link["id"]})
    assert draft.status_code == 201, draft.json()
    (recipient,) = draft.json()["recipients"]
    assert recipient["phone"] == "+998901234567"
    assert link["url"] in recipient["text"] and "450 000" in recipient["text"]
    assert await db_session.scalar(select(SmsMessage.id)) is None  # nothing sent yet

    sent = await director.post(
        f"{office}/sms/{draft.json()['id']}/confirm",
        json={"text": draft.json()["text"], "student_ids": [student["id"]]},
    )
    assert sent.json()["status"] == "sent"
    texts = list(await db_session.scalars(select(SmsMessage.text)))
    assert texts == [recipient["text"]]

    # A withdrawn link is not sent again.
    await director.post(f"{office}/payment-links/{link['id']}/cancel")
    again = await director.post(f"{office}/sms/payment-link", json={"link_id": link["id"]})
    assert again.json()["error"]["code"] == "payment_link_not_waiting"
