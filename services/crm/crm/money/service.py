"""Payments, refunds, receipts, balances, debtors, the audit log and the reconciliation of the
books: charges − discounts − payments + refunds = the students' debts."""

import uuid
from collections import defaultdict
from datetime import date

from sqlalchemy import func, or_, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from alif.db import find_page
from alif.kernel import queries as kernel
from alif.kernel.models import StudyGroup
from alif.schemas import Found, PageParams
from crm.groups.models import Enrolment, Group
from crm.money import ledger
from crm.money.exceptions import PaymentNotFound, RefundTooLarge
from crm.money.models import DEBT_SIGN, EntryKind, Method, MoneyEntry
from crm.money.schemas import Debtor, Reconciliation
from crm.students import service as students
from crm.students.models import Student


async def groups_of_teacher(
    db: AsyncSession, organization_id: uuid.UUID, teacher_id: uuid.UUID
) -> list[uuid.UUID]:
    return list(
        await db.scalars(
            select(Group.id)
            .join(StudyGroup, StudyGroup.id == Group.study_group_id)
            .where(Group.organization_id == organization_id, StudyGroup.teacher_id == teacher_id)
        )
    )


async def by_key(db: AsyncSession, organization_id: uuid.UUID, key: str) -> MoneyEntry | None:
    return await db.scalar(
        select(MoneyEntry).where(
            MoneyEntry.organization_id == organization_id, MoneyEntry.idempotency_key == key
        )
    )


async def _next_receipt(db: AsyncSession, organization_id: uuid.UUID) -> int:
    """The organization's next receipt number; called with the organization locked."""
    last = await db.scalar(
        select(func.max(MoneyEntry.receipt_number)).where(
            MoneyEntry.organization_id == organization_id
        )
    )
    return (last or 0) + 1


async def _post_once(db: AsyncSession, entry: MoneyEntry) -> MoneyEntry:
    """Post an entry whose idempotency key may have arrived already (a retried request)."""
    key = entry.idempotency_key
    if key is not None and (found := await by_key(db, entry.organization_id, key)):
        return found
    try:
        async with db.begin_nested():
            return await ledger.post(db, entry)
    except IntegrityError:
        if key is None or (found := await by_key(db, entry.organization_id, key)) is None:
            raise
        return found


async def pay(
    db: AsyncSession,
    organization_id: uuid.UUID,
    student_id: uuid.UUID,
    amount: int,
    method: Method,
    *,
    note: str = "",
    key: str | None = None,
    by: uuid.UUID | None,
) -> MoneyEntry:
    """Money received for a student, with the organization's next receipt number."""
    await students.get_student(db, organization_id, student_id)
    if key is not None and (found := await by_key(db, organization_id, key)):
        return found
    await kernel.lock_organization(db, organization_id)
    return await _post_once(
        db,
        MoneyEntry(
            organization_id=organization_id,
            student_id=student_id,
            kind=EntryKind.payment,
            amount=amount,
            method=method,
            receipt_number=await _next_receipt(db, organization_id),
            note=note,
            idempotency_key=key,
            created_by_id=by,
        ),
    )


async def get_payment(
    db: AsyncSession, organization_id: uuid.UUID, entry_id: uuid.UUID
) -> MoneyEntry:
    entry = await db.get(MoneyEntry, entry_id)
    if entry is None or entry.organization_id != organization_id or entry.kind != EntryKind.payment:
        raise PaymentNotFound()
    return entry


async def refunded(db: AsyncSession, payment_id: uuid.UUID) -> int:
    total = await db.scalar(
        select(func.sum(MoneyEntry.amount)).where(
            MoneyEntry.refunds_id == payment_id, MoneyEntry.kind == EntryKind.refund
        )
    )
    return int(total or 0)


async def refund(
    db: AsyncSession,
    organization_id: uuid.UUID,
    payment: MoneyEntry,
    amount: int,
    reason: str,
    key: str | None,
    *,
    by: uuid.UUID | None,
) -> MoneyEntry:
    """Money given back from a payment: at most what is left of it. `by` is None when a provider
    cancelled the payment (a Payme refund)."""
    if key is not None and (found := await by_key(db, organization_id, key)):
        return found
    await kernel.lock_organization(db, organization_id)
    if amount > payment.amount - await refunded(db, payment.id):
        raise RefundTooLarge(details={"left": payment.amount - await refunded(db, payment.id)})
    return await _post_once(
        db,
        MoneyEntry(
            organization_id=organization_id,
            student_id=payment.student_id,
            kind=EntryKind.refund,
            amount=amount,
            method=payment.method,
            refunds_id=payment.id,
            note=reason,
            idempotency_key=key,
            created_by_id=by,
        ),
    )


async def entries_of_student(db: AsyncSession, student: Student) -> list[MoneyEntry]:
    return list(
        await db.scalars(
            select(MoneyEntry)
            .where(MoneyEntry.student_id == student.id)
            .order_by(MoneyEntry.created_at, MoneyEntry.id)
        )
    )


async def audit_log(
    db: AsyncSession,
    organization_id: uuid.UUID,
    page: PageParams,
    student_id: uuid.UUID | None,
    kind: EntryKind | None,
) -> Found[MoneyEntry]:
    query = select(MoneyEntry).where(MoneyEntry.organization_id == organization_id)
    if student_id is not None:
        query = query.where(MoneyEntry.student_id == student_id)
    if kind is not None:
        query = query.where(MoneyEntry.kind == kind)
    return await find_page(db, query, page, MoneyEntry.created_at.desc(), MoneyEntry.id.desc())


def overdue_since(entries: list[MoneyEntry]) -> date | None:
    """The first month whose tuition the payments (first in, first out) did not cover."""
    credit = sum(
        -DEBT_SIGN[e.kind] * e.amount
        for e in entries
        if e.kind in (EntryKind.payment, EntryKind.refund)
    )
    due: dict[date, int] = defaultdict(int)
    for e in entries:
        if e.kind in (EntryKind.charge, EntryKind.discount):
            due[e.period or e.created_at.date()] += DEBT_SIGN[e.kind] * e.amount
    for period in sorted(due):
        credit -= due[period]
        if credit < 0:
            return period
    return None


async def debtors(
    db: AsyncSession,
    organization_id: uuid.UUID,
    today: date,
    group_id: uuid.UUID | None = None,
    teacher_id: uuid.UUID | None = None,
    min_days_overdue: int | None = None,
    min_amount: int | None = None,
    max_amount: int | None = None,
) -> list[Debtor]:
    """Students who owe, with the month the debt began; filtered by a group or teacher they are
    in now, days overdue and the amount."""
    query = select(Student).where(Student.organization_id == organization_id, Student.debt > 0)
    if min_amount is not None:
        query = query.where(Student.debt >= min_amount)
    if max_amount is not None:
        query = query.where(Student.debt <= max_amount)
    owing = list(await db.scalars(query.order_by(Student.debt.desc(), Student.id)))
    ids = [s.id for s in owing]
    current: dict[uuid.UUID, set[uuid.UUID]] = defaultdict(set)
    for student_id, in_group in await db.execute(
        select(Enrolment.student_id, Enrolment.group_id).where(
            Enrolment.student_id.in_(ids),
            Enrolment.starts_on <= today,
            or_(Enrolment.ends_on.is_(None), Enrolment.ends_on >= today),
        )
    ):
        current[student_id].add(in_group)
    teacher_groups: set[uuid.UUID] = set()
    if teacher_id is not None:
        teacher_groups = set(await groups_of_teacher(db, organization_id, teacher_id))
    entries: dict[uuid.UUID, list[MoneyEntry]] = defaultdict(list)
    for entry in await db.scalars(select(MoneyEntry).where(MoneyEntry.student_id.in_(ids))):
        entries[entry.student_id].append(entry)
    found: list[Debtor] = []
    for student in owing:
        if group_id is not None and group_id not in current[student.id]:
            continue
        if teacher_id is not None and not current[student.id] & teacher_groups:
            continue
        since = overdue_since(entries[student.id])
        days_overdue = max(0, (today - since).days) if since else 0
        if min_days_overdue is not None and days_overdue < min_days_overdue:
            continue
        found.append(
            Debtor(
                student_id=student.id,
                first_name=student.first_name,
                last_name=student.last_name,
                phone=student.phone,
                parent_phone=student.parent_phone,
                debt=student.debt,
                overdue_since=since,
                days_overdue=days_overdue,
                group_ids=sorted(current[student.id]),
            )
        )
    return found


async def reconcile(db: AsyncSession, organization_id: uuid.UUID) -> Reconciliation:
    """The books: the entries' totals against the students' recorded debts, and each student
    whose recorded debt is not the sum of their entries."""
    totals = dict.fromkeys(EntryKind, 0)
    for kind, total in await db.execute(
        select(MoneyEntry.kind, func.sum(MoneyEntry.amount))
        .where(MoneyEntry.organization_id == organization_id)
        .group_by(MoneyEntry.kind)
    ):
        totals[kind] = int(total)
    per_student: dict[uuid.UUID, int] = defaultdict(int)
    for student_id, kind, total in await db.execute(
        select(MoneyEntry.student_id, MoneyEntry.kind, func.sum(MoneyEntry.amount))
        .where(MoneyEntry.organization_id == organization_id)
        .group_by(MoneyEntry.student_id, MoneyEntry.kind)
    ):
        per_student[student_id] += DEBT_SIGN[kind] * int(total)
    debts = await db.execute(
        select(Student.id, Student.debt).where(Student.organization_id == organization_id)
    )
    recorded: dict[uuid.UUID, int] = dict(debts.all())
    mismatched = sorted(
        s for s in set(recorded) | set(per_student) if recorded.get(s, 0) != per_student.get(s, 0)
    )
    expected = sum(DEBT_SIGN[kind] * total for kind, total in totals.items())
    recorded_total = sum(recorded.values())
    return Reconciliation(
        charges=totals[EntryKind.charge],
        discounts=totals[EntryKind.discount],
        payments=totals[EntryKind.payment],
        refunds=totals[EntryKind.refund],
        expected_debts=expected,
        recorded_debts=recorded_total,
        balanced=expected == recorded_total and not mismatched,
        mismatched_students=mismatched,
    )
