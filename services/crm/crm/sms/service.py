"""SMS to parents — an absence notice, a debt reminder — prepared as a draft and sent only when a
person confirms the recipients and the text. Preparing sends nothing; confirming queues each SMS
once for main's worker (Eskiz, quiet hours, daily cap: decision 40)."""

import string
import uuid
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from alif.db import utcnow
from alif.kernel import queries as kernel
from alif.notifications.service import queue_sms
from alif.tuition import LinkStatus, TuitionLink
from crm.lessons.models import Attendance, Mark
from crm.lessons.service import LessonView
from crm.sms.exceptions import (
    NoRecipients,
    RecipientsChanged,
    SmsAlreadySent,
    SmsBatchNotFound,
    SmsTemplateInvalid,
)
from crm.sms.models import BatchStatus, SmsBatch, SmsKind, SmsRecipient
from crm.staff.permissions import Office
from crm.students.exceptions import StudentNotFound
from crm.students.models import Student
from crm.tuition.exceptions import PaymentLinkNotWaiting

DEFAULT_TEXT = {
    SmsKind.absence: "Hurmatli ota-ona! {student} {date} kuni {group} darsiga kelmadi. {centre}",
    SmsKind.debt: "Hurmatli ota-ona! {student} uchun {debt} soʻm toʻlov qarzi bor. {centre}",
    SmsKind.payment_link: "Hurmatli ota-ona! {student}ning {month} oyi uchun toʻlovi {amount} "
    "soʻm. Payme yoki Click orqali toʻlang: {link} {centre}",
    SmsKind.invite: "Hurmatli ota-ona! {student}ning oʻqishini Alif24 platformasida kuzating. "
    "Shu raqam bilan roʻyxatdan oʻting: {link} {centre}",
}
PLACEHOLDERS = {
    SmsKind.absence: {"student", "group", "date", "centre"},
    SmsKind.debt: {"student", "debt", "centre"},
    SmsKind.payment_link: {"student", "amount", "month", "link", "centre"},
    SmsKind.invite: {"student", "link", "centre"},
}


def check_template(kind: SmsKind, text: str) -> None:
    """Only the kind's plain placeholders: no attribute access, index or format spec."""
    try:
        fields = list(string.Formatter().parse(text))
    except ValueError as error:
        raise SmsTemplateInvalid() from error
    for _, name, spec, conversion in fields:
        if name is None:
            continue
        if name not in PLACEHOLDERS[kind] or spec or conversion:
            raise SmsTemplateInvalid(details={"allowed": sorted(PLACEHOLDERS[kind])})


def render(text: str, params: dict[str, Any]) -> str:
    return text.format_map(params)


def _name(student: Student) -> str:
    return f"{student.first_name} {student.last_name}".strip()


def _soum(tiyin: int) -> str:
    return f"{tiyin // 100:,}".replace(",", " ")


async def _centre(db: AsyncSession, organization_id: uuid.UUID) -> str:
    (organization,) = await kernel.get_organizations(db, [organization_id])
    return organization.name


async def _draft(
    db: AsyncSession,
    office: Office,
    kind: SmsKind,
    text: str | None,
    rows: list[tuple[Student, dict[str, Any]]],
    lesson_id: uuid.UUID | None = None,
) -> tuple[SmsBatch, list[SmsRecipient], list[uuid.UUID]]:
    template = text or DEFAULT_TEXT[kind]
    check_template(kind, template)
    batch = SmsBatch(
        id=uuid.uuid4(),
        organization_id=office.organization_id,
        kind=kind,
        text=template,
        lesson_id=lesson_id,
        prepared_by_id=office.user_id,
    )
    recipients: list[SmsRecipient] = []
    left_out: list[uuid.UUID] = []
    for student, params in rows:
        phone = student.parent_phone or student.phone
        if phone is None:
            left_out.append(student.id)
            continue
        recipients.append(
            SmsRecipient(batch_id=batch.id, student_id=student.id, phone=phone, params=params)
        )
    if not recipients:
        raise NoRecipients(details={"left_out": [str(s) for s in left_out]})
    db.add(batch)
    await db.flush()
    db.add_all(recipients)
    await db.flush()
    return batch, recipients, left_out


async def prepare_absence(
    db: AsyncSession, office: Office, view: LessonView, text: str | None
) -> tuple[SmsBatch, list[SmsRecipient], list[uuid.UUID]]:
    """A notice to the parents of the students marked absent at a lesson."""
    absent = await db.scalars(
        select(Student)
        .join(Attendance, Attendance.student_id == Student.id)
        .where(Attendance.lesson_id == view.lesson.id, Attendance.mark == Mark.absent)
        .order_by(Student.first_name)
    )
    centre = await _centre(db, office.organization_id)
    date = view.lesson.on.strftime("%d.%m.%Y")
    rows = [
        (s, {"student": _name(s), "group": view.study_group.name, "date": date, "centre": centre})
        for s in absent
    ]
    return await _draft(db, office, SmsKind.absence, text, rows, view.lesson.id)


async def _chosen(db: AsyncSession, office: Office, student_ids: list[uuid.UUID]) -> list[Student]:
    """The chosen students, all of this centre: another centre's id is not found."""
    found = list(
        await db.scalars(
            select(Student).where(
                Student.organization_id == office.organization_id, Student.id.in_(student_ids)
            )
        )
    )
    if len(found) != len(set(student_ids)):
        raise StudentNotFound()
    return found


async def prepare_debt(
    db: AsyncSession, office: Office, student_ids: list[uuid.UUID], text: str | None
) -> tuple[SmsBatch, list[SmsRecipient], list[uuid.UUID]]:
    """A reminder to the parents of chosen debtors (who still owe), with each one's debt."""
    found = await _chosen(db, office, student_ids)
    centre = await _centre(db, office.organization_id)
    rows = [
        (s, {"student": _name(s), "debt": _soum(s.debt), "centre": centre})
        for s in sorted(found, key=lambda s: (-s.debt, s.first_name))
        if s.debt > 0
    ]
    return await _draft(db, office, SmsKind.debt, text, rows)


async def prepare_invite(
    db: AsyncSession, office: Office, student_ids: list[uuid.UUID], url: str, text: str | None
) -> tuple[SmsBatch, list[SmsRecipient], list[uuid.UUID]]:
    """An invitation to the platform for the parents of chosen students: a sign-up link to main,
    where the parent registers with the phone the centre has on file."""
    found = await _chosen(db, office, student_ids)
    centre = await _centre(db, office.organization_id)
    rows = [
        (s, {"student": _name(s), "link": url, "centre": centre})
        for s in sorted(found, key=lambda s: (s.first_name, s.last_name))
    ]
    return await _draft(db, office, SmsKind.invite, text, rows)


async def prepare_payment_link(
    db: AsyncSession, office: Office, link: TuitionLink, url: str, text: str | None
) -> tuple[SmsBatch, list[SmsRecipient], list[uuid.UUID]]:
    """A waiting tuition link to the student's parent (the person checks the number and text)."""
    if link.status is not LinkStatus.waiting:
        raise PaymentLinkNotWaiting()
    student = await db.get(Student, link.student_id)
    if student is None:
        raise StudentNotFound()
    params = {
        "student": _name(student),
        "amount": _soum(link.amount),
        "month": link.month.strftime("%m.%Y"),
        "link": url,
        "centre": await _centre(db, office.organization_id),
    }
    return await _draft(db, office, SmsKind.payment_link, text, [(student, params)])


async def get_batch(
    db: AsyncSession, organization_id: uuid.UUID, batch_id: uuid.UUID
) -> tuple[SmsBatch, list[SmsRecipient]]:
    batch = await db.get(SmsBatch, batch_id)
    if batch is None or batch.organization_id != organization_id:
        raise SmsBatchNotFound()
    recipients = list(
        await db.scalars(
            select(SmsRecipient)
            .where(SmsRecipient.batch_id == batch.id)
            .order_by(SmsRecipient.phone, SmsRecipient.id)
        )
    )
    return batch, recipients


async def confirm(
    db: AsyncSession,
    office: Office,
    batch: SmsBatch,
    recipients: list[SmsRecipient],
    text: str,
    student_ids: list[uuid.UUID],
) -> SmsBatch:
    """Send the approved text to the approved recipients, once: the draft is claimed by a
    conditional update, so a double click or a retry sends nothing more."""
    check_template(batch.kind, text)
    prepared = {r.student_id: r for r in recipients}
    if stray := [str(s) for s in student_ids if s not in prepared]:
        raise RecipientsChanged(details={"student_ids": stray})
    claimed = await db.execute(
        update(SmsBatch)
        .where(SmsBatch.id == batch.id, SmsBatch.status == BatchStatus.draft)
        .values(
            status=BatchStatus.sent,
            text=text,
            confirmed_by_id=office.user_id,
            confirmed_at=utcnow(),
        )
        .execution_options(synchronize_session=False)
    )
    if claimed.rowcount != 1:  # type: ignore[attr-defined]
        raise SmsAlreadySent()
    for student_id in dict.fromkeys(student_ids):
        recipient = prepared[student_id]
        sms = await queue_sms(
            db,
            recipient.phone,
            render(text, recipient.params),
            key=f"crm:{batch.id}:{student_id}",
        )
        recipient.sms_id = sms.id
    await db.flush()
    await db.refresh(batch)
    return batch
