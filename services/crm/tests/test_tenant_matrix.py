"""Strict tenant isolation: every organization route × another organization's director (and a
stranger) → not found, and nothing of the first organization changes."""

from typing import Any

from fastapi import FastAPI
from sqlalchemy.ext.asyncio import AsyncSession

from alif.auth import Role
from alif.testing import Actor, LoginAs, make_study_group
from crm.staff.models import StaffRole
from crm.testing import hire, make_centre

PREFIX = "/api/crm/organizations/{organization_id}"

# A valid body for every write, so each attack is a request the route would otherwise accept.
BODIES: dict[tuple[str, str], dict[str, Any] | None] = {
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


def _organization_routes(app: FastAPI) -> list[tuple[str, str]]:
    """Every operation the service documents under one organization (its whole API but the
    list of my organizations)."""
    return sorted(
        (method.upper(), path.removeprefix(PREFIX))
        for path, operations in app.openapi()["paths"].items()
        if path.startswith(PREFIX)
        for method in operations
    )


def _with_ids(body: Any, ids: dict[str, str]) -> Any:
    """The body with A's ids in it (a spare study group of A's, for attaching a group)."""
    if isinstance(body, str):
        return body.format(**ids)
    if isinstance(body, list):
        return [_with_ids(item, ids) for item in body]
    if isinstance(body, dict):
        return {k: _with_ids(v, ids) for k, v in body.items()}
    return body


async def _call(actor: Actor, method: str, path: str, body: dict[str, Any] | None) -> int:
    response = await actor.client.request(method, path, headers=actor.headers, json=body)
    return response.status_code


async def _centre_a(login_as: LoginAs, db: AsyncSession) -> tuple[Actor, dict[str, str]]:
    director = await login_as(Role.organization)
    centre = await make_centre(db, director.user, "A markazi")
    await login_as(Role.teacher, phone="+998935554433")
    worker = await login_as(Role.teacher)
    staff = await hire(db, centre, worker.user, StaffRole.teacher)
    base = f"/api/crm/organizations/{centre.id}"
    lead = (
        await director.post(
            f"{base}/leads", json={"name": "Ali", "phone": "+998901234567", "source": "website"}
        )
    ).json()
    student = (await director.post(f"{base}/students", json={"first_name": "Vali"})).json()
    study_group = await make_study_group(db, worker.user, organization=centre)
    spare = await make_study_group(db, worker.user, organization=centre, name="Bo'sh")
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
    link = (
        await director.post(
            f"{base}/students/{student['id']}/payment-links",
            json={"amount": 5_000_000, "month": "2026-09"},
        )
    ).json()
    await director.patch(f"{base}/students/{student['id']}", json={"parent_phone": "+998901112233"})
    batch = (await director.post(f"{base}/sms/debt", json={"student_ids": [student["id"]]})).json()
    ids = {
        "organization_id": str(centre.id),
        "batch_id": batch["id"],
        "payment_id": payment["id"],
        "link_id": link["id"],
        "teacher_id": str(worker.user.id),
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
    return director, ids


async def _snapshot(director: Actor, ids: dict[str, str]) -> list[Any]:
    base = f"/api/crm/organizations/{ids['organization_id']}"
    return [
        (await director.get(f"{base}/staff")).json(),
        (await director.get(f"{base}/lead-stages")).json(),
        (await director.get(f"{base}/leads/{ids['lead_id']}")).json(),
        (await director.get(f"{base}/leads/{ids['lead_id']}/activities")).json(),
        (await director.get(f"{base}/students")).json(),
        (await director.get(f"{base}/groups")).json(),
        (await director.get(f"{base}/rooms")).json(),
        (await director.get(f"{base}/groups/{ids['group_id']}/enrolments")).json(),
        (await director.get(f"{base}/holidays")).json(),
        (await director.get(f"{base}/sms/{ids['batch_id']}")).json(),
        (await director.get(f"{base}/students/{ids['student_id']}/money")).json(),
        (await director.get(f"{base}/students/{ids['student_id']}/payment-links")).json(),
        (await director.get(f"{base}/money/entries")).json(),
        (await director.get(f"{base}/reports/reconciliation")).json(),
        (await director.get(f"{base}/reports/teachers-pay", params={"month": "2026-09"})).json(),
        (await director.get(f"{base}/lessons/{ids['lesson_id']}")).json(),
        (
            await director.get(
                f"{base}/lessons", params={"starts_on": "2026-09-01", "ends_on": "2026-10-11"}
            )
        ).json(),
    ]


async def test_every_route_hides_one_organization_from_another(
    app: FastAPI, login_as: LoginAs, db_session: AsyncSession
) -> None:
    director_a, ids_a = await _centre_a(login_as, db_session)
    director_b = await login_as(Role.organization)
    centre_b = await make_centre(db_session, director_b.user, "B markazi")
    stranger = await login_as(Role.parent)
    before = await _snapshot(director_a, ids_a)

    routes = _organization_routes(app)
    writes = {(m, p) for m, p in routes if m != "GET"}
    assert writes == set(BODIES), "give every new write route a body in BODIES"
    assert len(routes) >= 16
    for method, path in routes:
        body = _with_ids(BODIES.get((method, path)), ids_a)
        # A's organization, asked for by B's director and by a stranger.
        for attacker in (director_b, stranger):
            url = (PREFIX + path).format(**ids_a)
            assert await _call(attacker, method, url, body) == 404, (attacker, method, url)
        # B's own organization, with A's objects in the path.
        if "{" in path:
            url = (PREFIX + path).format(**{**ids_a, "organization_id": str(centre_b.id)})
            assert await _call(director_b, method, url, body) == 404, (method, url)

    assert await _snapshot(director_a, ids_a) == before
    for listing in ("/staff", "/leads", "/students", "/groups", "/rooms"):
        response = await director_b.get(f"/api/crm/organizations/{centre_b.id}{listing}")
        rows = response.json()
        assert (rows if isinstance(rows, list) else rows["items"]) == [], listing
