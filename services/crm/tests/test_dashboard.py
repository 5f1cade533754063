"""The director's dashboard shows this month's truth: students, leads and conversion, revenue
against last month, debts, attendance and the groups' fill."""

import uuid
from datetime import timedelta

from sqlalchemy.ext.asyncio import AsyncSession

from alif.auth import Role
from alif.db import utcnow
from alif.testing import LoginAs, make_study_group
from crm.money import ledger, reports
from crm.money.models import EntryKind, Method, MoneyEntry
from crm.staff.models import StaffRole
from crm.testing import hire, make_centre


async def test_the_dashboard_counts_this_months_work(
    login_as: LoginAs, db_session: AsyncSession
) -> None:
    director = await login_as(Role.organization)
    centre = await make_centre(db_session, director.user)
    office = f"/api/crm/organizations/{centre.id}"
    today = reports.today()
    first = today.replace(day=1)
    study_group = await make_study_group(db_session, director.user, organization=centre)
    group = (
        await director.post(
            f"{office}/groups",
            json={
                "study_group_id": str(study_group.id),
                "starts_on": str(first - timedelta(days=60)),
                "monthly_price": 100,
                "capacity": 4,
                "schedule": [
                    {"weekday": d, "starts_at": "09:00", "ends_at": "10:00"} for d in range(7)
                ],
            },
        )
    ).json()
    ids = []
    for name in ("Ali", "Vali"):
        student = (await director.post(f"{office}/students", json={"first_name": name})).json()
        enrolment = (
            await director.post(
                f"{office}/groups/{group['id']}/enrolments",
                json={"student_id": student["id"], "starts_on": str(first - timedelta(days=30))},
            )
        ).json()
        ids.append((student["id"], enrolment["id"]))
    await director.post(
        f"{office}/groups/{group['id']}/enrolments/{ids[1][1]}/freezes",
        json={"starts_on": str(today), "ends_on": str(today), "reason": "Kasal"},
    )
    for phone in ("+998901110001", "+998901110002"):
        lead = (
            await director.post(
                f"{office}/leads", json={"name": "Lead", "phone": phone, "source": "instagram"}
            )
        ).json()
    await director.post(
        f"{office}/leads/{lead['id']}/convert",
        json={"first_name": "Lead", "parent_phone": "+998901110002"},
    )
    # Last month: 500 paid (written as it was then); this month 300 paid, 100 refunded.
    await ledger.post(
        db_session,
        MoneyEntry(
            organization_id=centre.id,
            student_id=uuid.UUID(ids[0][0]),
            kind=EntryKind.payment,
            amount=500,
            method=Method.cash,
            receipt_number=99,
            created_at=utcnow() - timedelta(days=today.day + 3),
        ),
    )
    paid = (
        await director.post(
            f"{office}/students/{ids[0][0]}/payments", json={"amount": 300, "method": "cash"}
        )
    ).json()
    await director.post(
        f"{office}/payments/{paid['id']}/refund", json={"amount": 100, "reason": "x"}
    )
    await director.post(f"{office}/charges/run", json={"month": first.strftime("%Y-%m")})
    await director.post(
        f"{office}/lessons/generate",
        json={"starts_on": str(first), "ends_on": str(first + timedelta(days=1))},
    )
    lessons = (
        await director.get(
            f"{office}/lessons",
            params={"starts_on": str(first), "ends_on": str(first + timedelta(days=1))},
        )
    ).json()
    for lesson, marks in zip(lessons, (("present", "absent"), ("late", "excused")), strict=True):
        await director.put(
            f"{office}/lessons/{lesson['id']}/attendance",
            json={
                "marks": [
                    {"student_id": i, "mark": m} for (i, _), m in zip(ids, marks, strict=True)
                ]
            },
        )

    numbers = (await director.get(f"{office}/dashboard")).json()
    assert (numbers["active_students"], numbers["frozen_students"]) == (2, 1)
    assert (numbers["new_leads"], numbers["converted_leads"], numbers["conversion_percent"]) == (
        2,
        1,
        50,
    )
    assert (numbers["revenue"], numbers["revenue_last_month"]) == (200, 500)
    assert [m["amount"] for m in numbers["revenue_by_month"]][-2:] == [500, 200]
    assert len(numbers["revenue_by_month"]) == 6
    assert numbers["attendance_percent"] == 50  # present and late of four marks
    assert (numbers["fill_percent"], numbers["groups"][0]["students"]) == (50, 2)
    # Debts: Ali paid 600 net against 100 charged; Vali owes his month (less the frozen day).
    assert numbers["debtors"] == 1
    cashier = await login_as(Role.teacher)
    await hire(db_session, centre, cashier.user, StaffRole.cashier)
    assert (await cashier.get(f"{office}/dashboard")).status_code == 403
