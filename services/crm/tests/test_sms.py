"""SMS to parents are prepared, shown and sent only when a person confirms the recipients and the
text: preparing queues nothing, confirming queues each SMS once."""

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from alif.auth import Role
from alif.jobs.models import Job
from alif.notifications.models import SmsMessage
from alif.testing import LoginAs, make_study_group
from crm.staff.models import StaffRole
from crm.testing import hire, make_centre


async def _queued(db: AsyncSession) -> tuple[list[str], int]:
    texts = list(await db.scalars(select(SmsMessage.text).order_by(SmsMessage.text)))
    jobs = await db.scalar(select(func.count()).select_from(Job).where(Job.name == "main.send_sms"))
    return texts, jobs or 0


async def test_an_absence_notice_is_sent_only_after_a_person_confirms_it(
    login_as: LoginAs, db_session: AsyncSession
) -> None:
    director = await login_as(Role.organization)
    centre = await make_centre(db_session, director.user, "Ziyo")
    office = f"/api/crm/organizations/{centre.id}"
    teacher = await login_as(Role.teacher)
    await hire(db_session, centre, teacher.user, StaffRole.teacher)
    study_group = await make_study_group(
        db_session, teacher.user, organization=centre, name="Ingliz"
    )
    group = (
        await director.post(
            f"{office}/groups",
            json={
                "study_group_id": str(study_group.id),
                "starts_on": "2026-09-01",
                "monthly_price": 39_000_000,
                "capacity": 5,
                "schedule": [{"weekday": 0, "starts_at": "14:00", "ends_at": "15:00"}],
            },
        )
    ).json()
    ids = []
    for name, phone in (("Ali", "+998901112233"), ("Vali", None)):
        student = (
            await director.post(
                f"{office}/students", json={"first_name": name, "parent_phone": phone}
            )
        ).json()
        await director.post(
            f"{office}/groups/{group['id']}/enrolments",
            json={"student_id": student["id"], "starts_on": "2026-09-01"},
        )
        ids.append(student["id"])
    await director.post(
        f"{office}/lessons/generate", json={"starts_on": "2026-09-07", "ends_on": "2026-09-07"}
    )
    lesson = (
        await teacher.get(
            f"{office}/lessons", params={"starts_on": "2026-09-07", "ends_on": "2026-09-07"}
        )
    ).json()[0]
    await teacher.put(
        f"{office}/lessons/{lesson['id']}/attendance",
        json={"marks": [{"student_id": i, "mark": "absent"} for i in ids]},
    )
    assert (
        await teacher.post(f"{office}/sms/absence", json={"lesson_id": lesson["id"]})
    ).status_code == 403

    draft = await director.post(f"{office}/sms/absence", json={"lesson_id": lesson["id"]})
    assert draft.status_code == 201
    body = draft.json()
    assert (body["status"], body["left_out"]) == ("draft", [ids[1]])
    (recipient,) = body["recipients"]
    assert recipient["phone"] == "+998901112233"
    assert recipient["text"] == (
        "Hurmatli ota-ona! Ali 07.09.2026 kuni Ingliz darsiga kelmadi. Ziyo"
    )
    # Prepared and shown: nothing is on its way yet.
    assert await _queued(db_session) == ([], 0)

    url = f"{office}/sms/{body['id']}/confirm"
    stray = await director.post(url, json={"text": body["text"], "student_ids": [ids[1]]})
    assert stray.json()["error"]["code"] == "recipients_changed"
    bad = await director.post(url, json={"text": "{student.__class__}", "student_ids": [ids[0]]})
    assert bad.json()["error"]["code"] == "sms_template_invalid"
    nobody = await director.post(url, json={"text": "Salom", "student_ids": []})
    assert nobody.status_code == 422
    assert await _queued(db_session) == ([], 0)

    sent = await director.post(
        url, json={"text": "{student} bugun darsda yoʻq edi. {centre}", "student_ids": [ids[0]]}
    )
    assert sent.status_code == 200
    assert (sent.json()["status"], sent.json()["confirmed_by_id"]) == ("sent", str(director.id))
    assert sent.json()["recipients"][0]["sms_id"] is not None
    assert await _queued(db_session) == (["Ali bugun darsda yoʻq edi. Ziyo"], 1)
    twice = await director.post(url, json={"text": "Yana", "student_ids": [ids[0]]})
    assert twice.json()["error"]["code"] == "sms_already_sent"
    assert await _queued(db_session) == (["Ali bugun darsda yoʻq edi. Ziyo"], 1)


async def test_a_debt_reminder_names_each_debt(login_as: LoginAs, db_session: AsyncSession) -> None:
    director = await login_as(Role.organization)
    centre = await make_centre(db_session, director.user, "Ziyo")
    office = f"/api/crm/organizations/{centre.id}"
    owing = (
        await director.post(
            f"{office}/students", json={"first_name": "Ali", "parent_phone": "+998901112233"}
        )
    ).json()
    paid_up = (
        await director.post(
            f"{office}/students", json={"first_name": "Soli", "parent_phone": "+998901112244"}
        )
    ).json()
    study_group = await make_study_group(db_session, director.user, organization=centre)
    group = (
        await director.post(
            f"{office}/groups",
            json={
                "study_group_id": str(study_group.id),
                "starts_on": "2026-09-01",
                "monthly_price": 39_000_000,
                "capacity": 5,
            },
        )
    ).json()
    for student in (owing, paid_up):
        await director.post(
            f"{office}/groups/{group['id']}/enrolments",
            json={"student_id": student["id"], "starts_on": "2026-09-01"},
        )
    await director.post(f"{office}/charges/run", json={"month": "2026-09"})
    await director.post(
        f"{office}/students/{owing['id']}/payments", json={"amount": 28_000_000, "method": "cash"}
    )
    await director.post(
        f"{office}/students/{paid_up['id']}/payments",
        json={"amount": 39_000_000, "method": "card"},
    )
    draft = (
        await director.post(
            f"{office}/sms/debt", json={"student_ids": [owing["id"], paid_up["id"]]}
        )
    ).json()
    # Only who still owes is on the list, with their own debt.
    assert [r["text"] for r in draft["recipients"]] == [
        "Hurmatli ota-ona! Ali uchun 110 000 soʻm toʻlov qarzi bor. Ziyo"
    ]
    assert await _queued(db_session) == ([], 0)
    confirmed = await director.post(
        f"{office}/sms/{draft['id']}/confirm",
        json={"text": draft["text"], "student_ids": [owing["id"]]},
    )
    assert confirmed.json()["status"] == "sent"
    assert await _queued(db_session) == (
        ["Hurmatli ota-ona! Ali uchun 110 000 soʻm toʻlov qarzi bor. Ziyo"],
        1,
    )
    nobody = await director.post(f"{office}/sms/debt", json={"student_ids": [paid_up["id"]]})
    assert nobody.json()["error"]["code"] == "no_recipients"


async def test_a_parent_is_invited_only_when_a_person_confirms_and_only_by_their_centre(
    login_as: LoginAs, db_session: AsyncSession
) -> None:
    director = await login_as(Role.organization)
    centre = await make_centre(db_session, director.user, "Ziyo")
    office = f"/api/crm/organizations/{centre.id}"
    ali = (
        await director.post(
            f"{office}/students", json={"first_name": "Ali", "parent_phone": "+998901112233"}
        )
    ).json()
    other = await login_as(Role.organization)
    rival = await make_centre(db_session, other.user, "Boshqa")
    foreign = await other.post(
        f"/api/crm/organizations/{rival.id}/sms/invite", json={"student_ids": [ali["id"]]}
    )
    assert foreign.json()["error"]["code"] == "student_not_found"
    # Not staff of this centre: the office is not theirs to use (not found, as for any stranger).
    assert (
        await other.post(f"{office}/sms/invite", json={"student_ids": [ali["id"]]})
    ).status_code == 404

    draft = (await director.post(f"{office}/sms/invite", json={"student_ids": [ali["id"]]})).json()
    (recipient,) = draft["recipients"]
    assert (draft["kind"], draft["status"], recipient["phone"]) == (
        "invite",
        "draft",
        "+998901112233",
    )
    assert "https://alif24.uz/register" in recipient["text"]
    assert await _queued(db_session) == ([], 0)
    bad = await director.post(
        f"{office}/sms/{draft['id']}/confirm",
        json={"text": "{debt}", "student_ids": [ali["id"]]},
    )
    assert bad.json()["error"]["code"] == "sms_template_invalid"
    assert await _queued(db_session) == ([], 0)

    sent = await director.post(
        f"{office}/sms/{draft['id']}/confirm",
        json={"text": "{student}: {link} {centre}", "student_ids": [ali["id"]]},
    )
    assert sent.json()["status"] == "sent"
    assert await _queued(db_session) == (["Ali: https://alif24.uz/register Ziyo"], 1)
