"""Tuition through the API: a month's charges (repeatable, corrected by later freezes and
discounts), payments with receipts, refunds, balances, debtors, the audit log, the
reconciliation, teachers' pay, and who may do which."""

from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from alif.auth import Role
from alif.testing import LoginAs, make_study_group
from crm.staff.models import StaffRole
from crm.testing import hire, make_centre


async def _office(login_as: LoginAs, db: AsyncSession) -> dict[str, Any]:
    director = await login_as(Role.organization)
    centre = await make_centre(db, director.user)
    office = f"/api/crm/organizations/{centre.id}"
    staff = {}
    for role in (StaffRole.administrator, StaffRole.teacher, StaffRole.cashier):
        staff[role] = await login_as(Role.teacher)
        await hire(db, centre, staff[role].user, role)
    study_group = await make_study_group(
        db, staff[StaffRole.teacher].user, organization=centre, name="Ingliz"
    )
    group = (
        await director.post(
            f"{office}/groups",
            json={
                "study_group_id": str(study_group.id),
                "starts_on": "2026-09-01",
                "monthly_price": 39_000_000,
                "capacity": 10,
                # Mondays, Wednesdays, Fridays: 13 lessons in September 2026.
                "schedule": [
                    {"weekday": d, "starts_at": "14:00", "ends_at": "15:00"} for d in (0, 2, 4)
                ],
            },
        )
    ).json()
    students = {}
    for name, starts_on, discount in (
        ("Ali", "2026-09-01", {}),
        ("Vali", "2026-09-16", {"discount_percent": 10, "discount_reason": "Aka-uka"}),
    ):
        student = (
            await director.post(
                f"{office}/students", json={"first_name": name, "parent_phone": "+998901112233"}
            )
        ).json()
        enrolment = await director.post(
            f"{office}/groups/{group['id']}/enrolments",
            json={"student_id": student["id"], "starts_on": starts_on, **discount},
        )
        students[name] = (student["id"], enrolment.json()["id"])
    return {
        "director": director,
        "office": office,
        "group": group,
        "students": students,
        "administrator": staff[StaffRole.administrator],
        "teacher": staff[StaffRole.teacher],
        "cashier": staff[StaffRole.cashier],
    }


async def test_charges_payments_refunds_and_the_books(
    login_as: LoginAs, db_session: AsyncSession
) -> None:
    s = await _office(login_as, db_session)
    director, cashier, office = s["director"], s["cashier"], s["office"]
    ali, vali = s["students"]["Ali"][0], s["students"]["Vali"][0]

    run = await cashier.post(f"{office}/charges/run", json={"month": "2026-09"})
    # Ali the whole month; Vali 7 of 13 lessons (21 000 000) less 10%.
    assert run.json() == {"enrolments": 2, "charged": 60_000_000, "discounted": 2_100_000}
    again = await cashier.post(f"{office}/charges/run", json={"month": "2026-09"})
    assert again.json() == {"enrolments": 2, "charged": 0, "discounted": 0}
    # Ali was ill 14th-27th: the run posts the correction, not a second charge.
    group = f"{office}/groups/{s['group']['id']}"
    await director.post(
        f"{group}/enrolments/{s['students']['Ali'][1]}/freezes",
        json={"starts_on": "2026-09-14", "ends_on": "2026-09-27", "reason": "Kasal"},
    )
    corrected = await cashier.post(f"{office}/charges/run", json={"month": "2026-09"})
    assert corrected.json()["charged"] == -18_000_000  # 6 of 13 lessons
    money = (await cashier.get(f"{office}/students/{ali}/money")).json()
    assert money["debt"] == 21_000_000
    assert [e["amount"] for e in money["entries"]] == [39_000_000, -18_000_000]

    first = await cashier.post(
        f"{office}/students/{ali}/payments",
        json={"amount": 15_000_000, "method": "cash", "idempotency_key": "desk-1-0001"},
    )
    assert first.status_code == 201
    retry = await cashier.post(
        f"{office}/students/{ali}/payments",
        json={"amount": 15_000_000, "method": "cash", "idempotency_key": "desk-1-0001"},
    )
    assert retry.json()["id"] == first.json()["id"]
    second = await cashier.post(
        f"{office}/students/{vali}/payments", json={"amount": 18_900_000, "method": "card"}
    )
    assert (first.json()["receipt_number"], second.json()["receipt_number"]) == (1, 2)
    receipt = (await cashier.get(f"{office}/payments/{first.json()['id']}/receipt")).json()
    assert (receipt["number"], receipt["student_name"], receipt["amount"]) == (1, "Ali", 15_000_000)

    # The cashier may not refund; the director may, up to what is left of the payment.
    payment = f"{office}/payments/{first.json()['id']}"
    assert (
        await cashier.post(f"{payment}/refund", json={"amount": 1, "reason": "x"})
    ).status_code == 403
    refund = await director.post(
        f"{payment}/refund", json={"amount": 5_000_000, "reason": "Ortiqcha toʻlandi"}
    )
    assert refund.status_code == 201
    too_much = await director.post(f"{payment}/refund", json={"amount": 10_000_001, "reason": "x"})
    assert too_much.json()["error"]["code"] == "refund_too_large"
    assert (await cashier.get(f"{payment}/receipt")).json()["refunded"] == 5_000_000

    # Ali owes 21 000 000 − 15 000 000 + 5 000 000; Vali paid exactly.
    debtors = (await cashier.get(f"{office}/debtors")).json()
    assert [(d["first_name"], d["debt"], d["overdue_since"]) for d in debtors] == [
        ("Ali", 11_000_000, "2026-09-01")
    ]
    assert (await cashier.get(f"{office}/debtors", params={"min_amount": 11_000_001})).json() == []
    by_teacher = await cashier.get(f"{office}/debtors", params={"teacher_id": str(s["teacher"].id)})
    assert len(by_teacher.json()) == 1
    assert (
        await cashier.get(f"{office}/debtors", params={"teacher_id": str(director.id)})
    ).json() == []

    books = (await director.get(f"{office}/reports/reconciliation")).json()
    assert books == {
        "charges": 42_000_000,
        "discounts": 2_100_000,
        "payments": 33_900_000,
        "refunds": 5_000_000,
        "expected_debts": 11_000_000,
        "recorded_debts": 11_000_000,
        "balanced": True,
        "mismatched_students": [],
    }
    log = (await director.get(f"{office}/money/entries", params={"kind": "refund"})).json()
    assert log["total"] == 1
    assert log["items"][0]["created_by_id"] == str(director.id)
    who = f"{director.user.first_name} {director.user.last_name}"
    assert log["items"][0]["created_by_name"] == who
    assert (await cashier.get(f"{office}/money/entries")).status_code == 403


async def test_teachers_pay_and_what_each_role_may_do(
    login_as: LoginAs, db_session: AsyncSession
) -> None:
    s = await _office(login_as, db_session)
    director, office, teacher = s["director"], s["office"], s["teacher"]
    await director.post(
        f"{office}/lessons/generate", json={"starts_on": "2026-09-01", "ends_on": "2026-09-30"}
    )
    await director.post(f"{office}/charges/run", json={"month": "2026-09"})
    rate = await director.put(
        f"{office}/teachers/{teacher.id}/rate", json={"share_percent": 40, "lesson_amount": 100}
    )
    assert rate.status_code == 200
    nobody = await director.put(f"{office}/teachers/{director.id}/rate", json={})
    assert nobody.json()["error"]["code"] == "teacher_not_found"
    (pay,) = (
        await director.get(f"{office}/reports/teachers-pay", params={"month": "2026-09"})
    ).json()
    # 13 lessons; tuition 39 000 000 + 21 000 000 − 2 100 000.
    assert (pay["lessons_held"], pay["tuition"]) == (13, 57_900_000)
    assert pay["pay"] == 13 * 100 + 23_160_000

    student = s["students"]["Ali"][0]
    checks = {
        # (method, path, body): the roles that may, of administrator, teacher, cashier
        ("POST", "/charges/run", '{"month": "2026-09"}'): {"cashier"},
        ("GET", f"/students/{student}/money", None): {"administrator", "cashier"},
        ("POST", f"/students/{student}/payments", '{"amount": 1, "method": "cash"}'): {"cashier"},
        ("GET", "/debtors", None): {"administrator", "cashier"},
        ("GET", "/reports/reconciliation", None): set(),
        ("GET", "/reports/teachers-pay?month=2026-09", None): set(),
        ("POST", "/holidays", '{"on": "2026-10-14", "name": "x"}'): {"administrator"},
        ("GET", "/lessons?starts_on=2026-09-01&ends_on=2026-09-02", None): {
            "administrator",
            "teacher",
            "cashier",
        },
    }
    for (method, path, body), allowed in checks.items():
        for role in ("administrator", "teacher", "cashier"):
            response = await s[role].client.request(
                method,
                office + path,
                headers={**s[role].headers, "content-type": "application/json"},
                content=body,
            )
            expected = (
                response.status_code < 400 if role in allowed else response.status_code == 403
            )
            assert expected, (role, method, path, response.status_code)
