"""Test helpers for crm's suites (tests directories are not packages)."""

from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from alif.kernel.models import Organization, OrganizationKind, User
from alif.testing import Actor, make_study_group
from crm.staff.models import Staff, StaffRole

# A valid body for every write route under /organizations/{organization_id} (ids as format
# fields), so each attack is a request the route would otherwise accept.
WRITE_BODIES: dict[tuple[str, str], dict[str, Any] | None] = {
    ("POST", "/staff"): {"phone": "+998935554433", "role": "cashier"},
    ("PATCH", "/staff/{staff_id}"): {"role": "director"},
    ("DELETE", "/staff/{staff_id}"): None,
    ("POST", "/students"): {"first_name": "Begona"},
    ("PATCH", "/students/{student_id}"): {"first_name": "Begona"},
    ("POST", "/lead-stages"): {"name": "Begona"},
    ("PATCH", "/lead-stages/{stage_id}"): {"name": "Begona"},
    ("POST", "/leads"): {"name": "Begona", "phone": "+998935554433", "source": "website"},
    ("PATCH", "/leads/{lead_id}"): {"name": "Begona"},
    ("POST", "/leads/{lead_id}/activities"): {"kind": "note", "text": "x"},
    ("POST", "/leads/{lead_id}/lose"): {"reason": "other"},
    ("POST", "/leads/{lead_id}/convert"): {"first_name": "B", "parent_phone": "+998935554433"},
    ("POST", "/rooms"): {"name": "Begona", "seats": 5},
    ("POST", "/groups"): {
        "study_group_id": "{study_group_id}",
        "starts_on": "2026-09-01",
        "monthly_price": 1,
        "capacity": 1,
    },
    ("PUT", "/groups/{group_id}"): {"starts_on": "2026-09-01", "monthly_price": 0, "capacity": 1},
    ("POST", "/groups/{group_id}/enrolments"): {
        "student_id": "{student_id}",
        "starts_on": "2026-09-02",
    },
    ("POST", "/groups/{group_id}/enrolments/{enrolment_id}/leave"): {"on": "2026-09-30"},
    ("PUT", "/groups/{group_id}/enrolments/{enrolment_id}/discount"): {
        "discount_percent": 50,
        "discount_reason": "x",
    },
    ("POST", "/groups/{group_id}/enrolments/{enrolment_id}/freezes"): {
        "starts_on": "2026-09-10",
        "ends_on": "2026-09-20",
        "reason": "x",
    },
    ("DELETE", "/groups/{group_id}/enrolments/{enrolment_id}/freezes/{freeze_id}"): None,
    ("POST", "/charges/run"): {"month": "2026-09"},
    ("POST", "/students/{student_id}/payments"): {"amount": 100, "method": "cash"},
    ("POST", "/payments/{payment_id}/refund"): {"amount": 1, "reason": "x"},
    ("POST", "/students/{student_id}/payment-links"): {"amount": 100, "month": "2026-09"},
    ("POST", "/payment-links/{link_id}/cancel"): None,
    ("PUT", "/teachers/{teacher_id}/rate"): {"share_percent": 10},
    ("POST", "/sms/absence"): {"lesson_id": "{lesson_id}"},
    ("POST", "/sms/debt"): {"student_ids": ["{student_id}"]},
    ("POST", "/sms/invite"): {"student_ids": ["{student_id}"]},
    ("POST", "/sms/payment-link"): {"link_id": "{link_id}"},
    ("POST", "/sms/{batch_id}/confirm"): {"text": "x", "student_ids": ["{student_id}"]},
    # Uploads: an outsider is refused before any file is read.
    ("POST", "/imports/students"): None,
    ("POST", "/imports/leads"): None,
    ("POST", "/holidays"): {"on": "2026-09-08", "name": "x"},
    ("POST", "/lessons/generate"): {"starts_on": "2026-09-01", "ends_on": "2026-10-31"},
    ("POST", "/lessons"): {
        "group_id": "{group_id}",
        "on": "2026-09-09",
        "starts_at": "18:00",
        "ends_at": "19:00",
        "students": [{"student_id": "{student_id}"}],
    },
    ("POST", "/lessons/{lesson_id}/move"): {
        "on": "2026-09-09",
        "starts_at": "18:00",
        "ends_at": "19:00",
    },
    ("POST", "/lessons/{lesson_id}/cancel"): {"reason": "x"},
    ("PUT", "/lessons/{lesson_id}/attendance"): {
        "marks": [{"student_id": "{student_id}", "mark": "absent"}]
    },
    ("POST", "/groups/{group_id}/enrolments/{enrolment_id}/transfer"): {
        "to_group_id": "{group_id}",
        "on": "2026-10-01",
    },
}


def with_ids(body: Any, ids: dict[str, str]) -> Any:
    """The body with the ids in it (format fields such as {student_id})."""
    if isinstance(body, str):
        return body.format(**ids)
    if isinstance(body, list):
        return [with_ids(item, ids) for item in body]
    if isinstance(body, dict):
        return {k: with_ids(v, ids) for k, v in body.items()}
    return body


async def make_centre(db: AsyncSession, owner: User, name: str = "Ziyo markazi") -> Organization:
    """A learning centre (a kernel row main would write) owned by `owner`, its director."""
    centre = Organization(owner_id=owner.id, name=name, kind=OrganizationKind.learning_centre)
    db.add(centre)
    await db.flush()
    return centre


async def hire(db: AsyncSession, centre: Organization, user: User, role: StaffRole) -> Staff:
    staff = Staff(organization_id=centre.id, user_id=user.id, role=role)
    db.add(staff)
    await db.flush()
    return staff


async def furnish_centre(
    db: AsyncSession, director: Actor, centre: Organization, worker: User
) -> dict[str, str]:
    """A centre with one of everything, made through its director's API (a lead, a student in a
    group with a schedule, a freeze, September's lessons and charges, a payment, a payment link,
    an SMS batch), `worker` hired as its teacher; returns the path values of each object."""
    staff = await hire(db, centre, worker, StaffRole.teacher)
    base = f"/api/crm/organizations/{centre.id}"
    lead = (
        await director.post(
            f"{base}/leads", json={"name": "Ali", "phone": "+998901234567", "source": "website"}
        )
    ).json()
    student = (await director.post(f"{base}/students", json={"first_name": "Vali"})).json()
    study_group = await make_study_group(db, worker, organization=centre)
    spare = await make_study_group(db, worker, organization=centre, name="Bo'sh")
    group = (
        await director.post(
            f"{base}/groups",
            json={
                "study_group_id": str(study_group.id),
                "starts_on": "2026-09-01",
                "monthly_price": 100,
                "capacity": 3,
                "schedule": [{"weekday": 1, "starts_at": "09:00", "ends_at": "10:00"}],
            },
        )
    ).json()
    enrolment = (
        await director.post(
            f"{base}/groups/{group['id']}/enrolments",
            json={"student_id": student["id"], "starts_on": "2026-09-01"},
        )
    ).json()
    freeze = (
        await director.post(
            f"{base}/groups/{group['id']}/enrolments/{enrolment['id']}/freezes",
            json={"starts_on": "2026-11-01", "ends_on": "2026-11-10", "reason": "Kasal"},
        )
    ).json()["freezes"][0]
    await director.post(
        f"{base}/lessons/generate", json={"starts_on": "2026-09-01", "ends_on": "2026-09-30"}
    )
    lesson = (
        await director.get(
            f"{base}/lessons", params={"starts_on": "2026-09-01", "ends_on": "2026-09-01"}
        )
    ).json()[0]
    await director.post(f"{base}/charges/run", json={"month": "2026-09"})
    payment = (
        await director.post(
            f"{base}/students/{student['id']}/payments", json={"amount": 50, "method": "card"}
        )
    ).json()
    await director.patch(f"{base}/students/{student['id']}", json={"parent_phone": "+998901112233"})
    link = (
        await director.post(
            f"{base}/students/{student['id']}/payment-links",
            json={"amount": 5_000_000, "month": "2026-09"},
        )
    ).json()
    batch = (await director.post(f"{base}/sms/debt", json={"student_ids": [student["id"]]})).json()
    return {
        "organization_id": str(centre.id),
        "batch_id": batch["id"],
        "payment_id": payment["id"],
        "link_id": link["id"],
        "teacher_id": str(worker.id),
        "lesson_id": lesson["id"],
        "freeze_id": freeze["id"],
        "lead_id": lead["id"],
        "stage_id": lead["stage_id"],
        "student_id": student["id"],
        "staff_id": str(staff.id),
        "group_id": group["id"],
        "enrolment_id": enrolment["id"],
        "study_group_id": str(spare.id),
    }
