import uuid
from typing import Annotated

from fastapi import APIRouter, Query, status

from alif.db import SessionDep
from alif.errors import error_responses
from alif.kernel import queries as kernel
from alif.schemas import Page, PageParams, page_of
from crm.money import charges, reports, service
from crm.money.exceptions import TeacherNotFound
from crm.money.models import EntryKind, MoneyEntry
from crm.money.schemas import (
    MONTH,
    ChargeRun,
    ChargeRunRead,
    Debtor,
    EntryRead,
    PaymentCreate,
    RateRead,
    RateSet,
    Receipt,
    Reconciliation,
    RefundCreate,
    StudentMoney,
    TeacherPay,
)
from crm.staff.dependencies import BillingManager, Cashier, MoneyReader, MoneyViewer, Refunder
from crm.students import service as students

router = APIRouter(prefix="/organizations/{organization_id}", tags=["money"])


@router.post(
    "/charges/run",
    responses=error_responses(403, 404, 422),
    summary="Charge a month's tuition to every enrolment (again: only what changed is posted)",
)
async def run_charges(data: ChargeRun, office: BillingManager, db: SessionDep) -> ChargeRunRead:
    result = await charges.run_month(
        db,
        office.organization_id,
        reports.parse_month(data.month),
        reports.today(),
        office.user_id,
    )
    return ChargeRunRead(
        enrolments=result.enrolments, charged=result.charged, discounted=result.discounted
    )


@router.get(
    "/students/{student_id}/money",
    responses=error_responses(403, 404),
    summary="A student's debt and every money entry",
)
async def student_money(student_id: uuid.UUID, office: MoneyViewer, db: SessionDep) -> StudentMoney:
    student = await students.get_student(db, office.organization_id, student_id)
    entries = await service.entries_of_student(db, student)
    return StudentMoney(
        student_id=student.id,
        debt=student.debt,
        entries=[EntryRead.model_validate(e) for e in entries],
    )


@router.post(
    "/students/{student_id}/payments",
    status_code=status.HTTP_201_CREATED,
    responses=error_responses(403, 404, 422),
    summary="Take a payment in cash or by card (a retry with the same key: the first payment)",
)
async def pay(
    student_id: uuid.UUID, data: PaymentCreate, office: Cashier, db: SessionDep
) -> EntryRead:
    entry = await service.pay(
        db,
        office.organization_id,
        student_id,
        data.amount,
        data.method,
        note=data.note,
        key=data.idempotency_key,
        by=office.user_id,
    )
    return EntryRead.model_validate(entry)


@router.get(
    "/payments/{payment_id}/receipt", responses=error_responses(403, 404), summary="A receipt"
)
async def receipt(payment_id: uuid.UUID, office: MoneyViewer, db: SessionDep) -> Receipt:
    payment = await service.get_payment(db, office.organization_id, payment_id)
    student = await students.get_student(db, office.organization_id, payment.student_id)
    (organization,) = await kernel.get_organizations(db, [office.organization_id])
    names = await kernel.display_names(db, [payment.created_by_id] if payment.created_by_id else [])
    # A payment always has its number and method (service.pay).
    assert payment.receipt_number is not None
    assert payment.method is not None
    return Receipt(
        number=payment.receipt_number,
        organization_name=organization.name,
        student_id=student.id,
        student_name=f"{student.first_name} {student.last_name}".strip(),
        amount=payment.amount,
        refunded=await service.refunded(db, payment.id),
        method=payment.method,
        note=payment.note,
        paid_at=payment.created_at,
        taken_by=names.get(payment.created_by_id) if payment.created_by_id else None,
    )


@router.post(
    "/payments/{payment_id}/refund",
    status_code=status.HTTP_201_CREATED,
    responses=error_responses(403, 404, 422),
    summary="Give money back from a payment (at most what is left of it), with the reason",
)
async def refund(
    payment_id: uuid.UUID, data: RefundCreate, office: Refunder, db: SessionDep
) -> EntryRead:
    payment = await service.get_payment(db, office.organization_id, payment_id)
    entry = await service.refund(
        db,
        office.organization_id,
        payment,
        data.amount,
        data.reason,
        data.idempotency_key,
        by=office.user_id,
    )
    return EntryRead.model_validate(entry)


@router.get(
    "/debtors",
    responses=error_responses(403, 404, 422),
    summary="Students who owe, with the month their debt began",
)
async def debtors(
    office: MoneyViewer,
    db: SessionDep,
    group_id: uuid.UUID | None = None,
    teacher_id: uuid.UUID | None = None,
    min_days_overdue: Annotated[int | None, Query(ge=0, le=36500)] = None,
    min_amount: Annotated[int | None, Query(ge=0)] = None,
    max_amount: Annotated[int | None, Query(ge=0)] = None,
) -> list[Debtor]:
    return await service.debtors(
        db,
        office.organization_id,
        reports.today(),
        group_id=group_id,
        teacher_id=teacher_id,
        min_days_overdue=min_days_overdue,
        min_amount=min_amount,
        max_amount=max_amount,
    )


@router.get(
    "/money/entries",
    responses=error_responses(403, 404),
    summary="The audit log: every money change, who made it and when, newest first",
)
async def audit_log(
    office: MoneyReader,
    db: SessionDep,
    page: Annotated[PageParams, Query()],
    student_id: uuid.UUID | None = None,
    kind: EntryKind | None = None,
) -> Page[EntryRead]:
    found = await service.audit_log(db, office.organization_id, page, student_id, kind)
    people = await kernel.users_by_id(db, {e.created_by_id for e in found.items if e.created_by_id})

    def read(entry: MoneyEntry) -> EntryRead:
        who = people.get(entry.created_by_id) if entry.created_by_id else None
        name = f"{who.first_name} {who.last_name}".strip() if who else None
        return EntryRead.model_validate(entry).model_copy(update={"created_by_name": name})

    return page_of(found, page, read)


@router.get(
    "/reports/reconciliation",
    responses=error_responses(403, 404),
    summary="The books: charges − discounts − payments + refunds against the students' debts",
)
async def reconciliation(office: MoneyReader, db: SessionDep) -> Reconciliation:
    return await service.reconcile(db, office.organization_id)


@router.put(
    "/teachers/{teacher_id}/rate",
    responses=error_responses(403, 404, 422),
    summary="How a teacher is paid: a share of their groups' tuition, an amount per lesson",
)
async def set_rate(
    teacher_id: uuid.UUID, data: RateSet, office: MoneyReader, db: SessionDep
) -> RateRead:
    if not await service.groups_of_teacher(db, office.organization_id, teacher_id):
        raise TeacherNotFound()
    rate = await reports.set_rate(db, office.organization_id, teacher_id, data)
    return RateRead.model_validate(rate)


@router.get(
    "/reports/teachers-pay",
    responses=error_responses(403, 404, 422),
    summary="Teachers' pay for a month: lessons held, their groups' tuition, what is due",
)
async def teachers_pay(
    office: MoneyReader, db: SessionDep, month: Annotated[str, Query(pattern=MONTH)]
) -> list[TeacherPay]:
    return await reports.teachers_pay(
        db, office.organization_id, reports.parse_month(month), reports.today()
    )
