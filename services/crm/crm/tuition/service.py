"""Tuition links: the office asks a family to pay by Payme or Click; main takes the payment and
its job hands it here, where it lands on the student's balance once (decision 58)."""

import uuid
from datetime import datetime
from typing import Any

import structlog
from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from alif import tuition
from alif.db import utcnow
from alif.tuition import LinkStatus, TuitionLink
from crm.config import CrmSettings
from crm.money import reports
from crm.money import service as money
from crm.money.models import Method
from crm.staff.permissions import Office
from crm.students import service as students
from crm.tuition.exceptions import PaymentLinkNotFound, PaymentLinkNotWaiting

logger = structlog.get_logger("crm.tuition")


def payment_key(order_id: str) -> str:
    """The money entry's key for an order's payment: one order lands one payment, ever."""
    return f"tuition:{order_id}"


async def _by_key(db: AsyncSession, organization_id: uuid.UUID, key: str) -> TuitionLink | None:
    link: TuitionLink | None = await db.scalar(
        select(TuitionLink).where(
            TuitionLink.organization_id == organization_id, TuitionLink.idempotency_key == key
        )
    )
    return link


async def create_link(
    db: AsyncSession,
    office: Office,
    student_id: uuid.UUID,
    amount: int,
    month: str,
    key: str | None,
) -> TuitionLink:
    """A link for one of the organization's students (another's is not found)."""
    student = await students.get_student(db, office.organization_id, student_id)
    if key is not None and (found := await _by_key(db, office.organization_id, key)):
        return found
    initial = f" {student.last_name[:1]}." if student.last_name else ""
    link = TuitionLink(
        organization_id=office.organization_id,
        student_id=student.id,
        student_name=f"{student.first_name}{initial}"[:120],
        amount=amount,
        month=reports.parse_month(month),
        status=LinkStatus.waiting,
        idempotency_key=key,
        created_by_id=office.user_id,
    )
    try:
        async with db.begin_nested():
            db.add(link)
            await db.flush()
    except IntegrityError:
        if key is None or (found := await _by_key(db, office.organization_id, key)) is None:
            raise
        return found
    logger.info("tuition_link_created", link_id=str(link.id), amount=amount)
    return link


async def links_of_student(
    db: AsyncSession, organization_id: uuid.UUID, student_id: uuid.UUID
) -> list[TuitionLink]:
    await students.get_student(db, organization_id, student_id)
    return list(
        await db.scalars(
            select(TuitionLink)
            .where(
                TuitionLink.organization_id == organization_id,
                TuitionLink.student_id == student_id,
            )
            .order_by(TuitionLink.created_at.desc(), TuitionLink.id)
        )
    )


def pay_url(settings: CrmSettings, link: TuitionLink) -> str:
    """main's pay page for the link: what the family gets."""
    return f"{settings.tuition_pay_url.rstrip('/')}/{link.id}"


async def get_link(db: AsyncSession, organization_id: uuid.UUID, link_id: uuid.UUID) -> TuitionLink:
    """One of the organization's links; another's is not found."""
    link = await tuition.get_link(db, link_id)
    if link is None or link.organization_id != organization_id:
        raise PaymentLinkNotFound()
    return link


async def cancel_link(
    db: AsyncSession, organization_id: uuid.UUID, link_id: uuid.UUID
) -> TuitionLink:
    """Withdraw a waiting link. A payment already under way still lands (money is never lost):
    main refuses new payments of a cancelled link, and one performed meanwhile marks it paid."""
    link = await get_link(db, organization_id, link_id)
    # A conditional update: a payment landing at the same moment wins, the cancel is refused.
    done = await db.execute(
        update(TuitionLink)
        .where(TuitionLink.id == link.id, TuitionLink.status == LinkStatus.waiting)
        .values(status=LinkStatus.cancelled, cancelled_at=utcnow(), updated_at=utcnow())
        .execution_options(synchronize_session=False)
    )
    if done.rowcount != 1:  # type: ignore[attr-defined]
        raise PaymentLinkNotWaiting()
    await db.refresh(link)
    return link


async def land_payment(db: AsyncSession, payload: dict[str, Any], now: datetime) -> None:
    """main performed a payment of a link (the `crm.tuition_paid` job): the student's balance gets
    it under the order's key, so a repeated job posts nothing more."""
    link = await tuition.get_link(db, uuid.UUID(payload["link_id"]), lock=True)
    if link is None:  # the centre is gone (organization deleted): nothing left to credit
        logger.warning("tuition_link_gone", link_id=payload["link_id"])
        return
    entry = await money.pay(
        db,
        link.organization_id,
        link.student_id,
        int(payload["amount"]),
        Method(payload["provider"]),
        note=f"{payload['provider'].title()}: {link.month:%Y-%m}",
        key=payment_key(payload["order_id"]),
        by=None,
    )
    if link.payment_entry_id is None:
        link.status = LinkStatus.paid
        link.order_id = uuid.UUID(payload["order_id"])
        link.payment_entry_id = entry.id
        link.paid_at = now
        link.cancelled_at = None
        await db.flush()
        logger.info("tuition_paid", link_id=str(link.id), entry_id=str(entry.id))


async def land_refund(db: AsyncSession, payload: dict[str, Any], now: datetime) -> None:
    """The provider cancelled a performed payment (the `crm.tuition_refunded` job): the money went
    back, so the balance gets a refund of it, once."""
    link = await tuition.get_link(db, uuid.UUID(payload["link_id"]), lock=True)
    if link is None:
        logger.warning("tuition_link_gone", link_id=payload["link_id"])
        return
    payment = await money.by_key(db, link.organization_id, payment_key(payload["order_id"]))
    if payment is None:
        # The payment's own job has not run yet: fail this attempt, the worker retries later.
        raise RuntimeError("tuition payment not landed yet")
    key = f"tuition-refund:{payload['order_id']}"
    if await money.by_key(db, link.organization_id, key) is None:
        # What the office has not given back by hand already (never more than the payment).
        left = payment.amount - await money.refunded(db, payment.id)
        if left > 0:
            await money.refund(
                db, link.organization_id, payment, left, "Payme: toʻlov bekor qilindi", key, by=None
            )
    link.status = LinkStatus.refunded
    await db.flush()
    logger.info("tuition_refunded", link_id=str(link.id))
