"""Tuition payment links: what crm asks a family to pay, and main takes through Payme or Click.

crm writes the link (a student of a centre, an amount in tiyin, the month); main reads it when
the parent opens the pay page, makes a `tuition` order for it and, once the provider performed
the payment, enqueues `crm.tuition_paid` in the same transaction. crm's worker then puts the
payment on the student's balance under the key `tuition:<order_id>`: a provider's retries, a
repeated job, or two workers land it once (decision 58).
"""

import uuid
from datetime import date, datetime
from enum import StrEnum

from sqlalchemy import (
    BigInteger,
    CheckConstraint,
    Date,
    ForeignKey,
    String,
    UniqueConstraint,
    select,
)
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Mapped, mapped_column

from alif.db import Base, Timestamped, UUIDPrimaryKey, enum_type

# Jobs main enqueues for crm's worker (the queue is the name's first part).
TUITION_PAID = "crm.tuition_paid"
TUITION_REFUNDED = "crm.tuition_refunded"


class LinkStatus(StrEnum):
    waiting = "waiting"  # sent, not paid yet
    paid = "paid"  # the payment is on the student's balance
    cancelled = "cancelled"  # the centre withdrew it before it was paid
    refunded = "refunded"  # paid, then the provider's payment was cancelled (money returned)


class TuitionLink(UUIDPrimaryKey, Timestamped, Base):
    """A request from a centre to pay a student's tuition by Payme or Click (written by crm).

    The student is crm's card (`crm_student`); the column carries no foreign key so main, which
    reads links but not crm's tables, can load this model on its own.
    """

    __tablename__ = "crm_payment_link"
    __table_args__ = (
        CheckConstraint("amount > 0", name="amount_positive"),
        # The same key from the same centre answers with the first link (a retried request).
        UniqueConstraint("organization_id", "idempotency_key"),
    )

    organization_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("organization.id", ondelete="CASCADE"), index=True
    )
    student_id: Mapped[uuid.UUID] = mapped_column(index=True)
    # As the pay page shows it to whoever holds the link: the first name and an initial.
    student_name: Mapped[str] = mapped_column(String(120))
    amount: Mapped[int] = mapped_column(BigInteger)  # tiyin
    month: Mapped[date] = mapped_column(Date)  # the month paid for (its first day)
    status: Mapped[LinkStatus] = mapped_column(enum_type(LinkStatus), index=True)
    idempotency_key: Mapped[str | None] = mapped_column(String(80))
    created_by_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("user_account.id", ondelete="SET NULL")
    )
    # Filled by crm when the payment landed: the order that paid it and the money entry it made.
    order_id: Mapped[uuid.UUID | None]
    payment_entry_id: Mapped[uuid.UUID | None]
    paid_at: Mapped[datetime | None]
    cancelled_at: Mapped[datetime | None]


async def get_link(
    db: AsyncSession, link_id: uuid.UUID, *, lock: bool = False
) -> TuitionLink | None:
    """A link by its id (the capability in the pay page's address); locked when asked, so two
    checkouts of one link at the same moment make one order."""
    query = select(TuitionLink).where(TuitionLink.id == link_id)
    if lock:
        query = query.with_for_update().execution_options(populate_existing=True)
    link: TuitionLink | None = await db.scalar(query)
    return link
