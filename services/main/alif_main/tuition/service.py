"""A centre's tuition link (written by crm) as main's pay page sees it, and the order that pays it.

The link's id is the capability: whoever the centre sent it to may see the bill and pay it,
without an account (a parent paying from an SMS). One open order per link at a time, made under
the link's row lock, so two taps on "Payme" pay one order (decision 58).
"""

import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta

import structlog
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from alif import tuition
from alif.db import utcnow
from alif.kernel import queries as kernel
from alif.tuition import LinkStatus, TuitionLink
from alif_main.config import MainSettings
from alif_main.orders import checkout as checkout_urls
from alif_main.orders.exceptions import PaymentsNotConfigured
from alif_main.orders.models import OPEN_STATUSES, Order, OrderKind, OrderStatus, PaymentProvider
from alif_main.orders.service import display_status
from alif_main.tuition.exceptions import TuitionLinkClosed, TuitionLinkNotFound, TuitionLinkPaid
from alif_main.tuition.schemas import BillStatus, TuitionBill

logger = structlog.get_logger("alif_main.tuition")


@dataclass(frozen=True, slots=True)
class Checkout:
    order: Order
    url: str


async def _orders(db: AsyncSession, link_id: uuid.UUID) -> list[Order]:
    return list(
        await db.scalars(
            select(Order)
            .where(Order.payment_link_id == link_id)
            .order_by(Order.created_at.desc(), Order.id)
        )
    )


def _status(link: TuitionLink, orders: list[Order], now: datetime) -> BillStatus:
    """The link's own status once crm wrote it; before that, what its orders say (crm's worker
    records a payment a moment after the provider performed it)."""
    if link.status is not LinkStatus.waiting:
        return BillStatus(link.status.value)
    statuses = {display_status(order, now) for order in orders}
    if OrderStatus.paid in statuses:
        return BillStatus.paid
    if OrderStatus.paying in statuses:
        return BillStatus.paying
    return BillStatus.waiting


async def bill(db: AsyncSession, link_id: uuid.UUID) -> TuitionBill:
    link = await tuition.get_link(db, link_id)
    if link is None:
        raise TuitionLinkNotFound()
    orders = await _orders(db, link.id)
    (organization,) = await kernel.get_organizations(db, [link.organization_id])
    paid = [order.paid_at for order in orders if order.status is OrderStatus.paid]
    return TuitionBill(
        id=link.id,
        organization_name=organization.name,
        student_name=link.student_name,
        month=link.month,
        amount=link.amount,
        status=_status(link, orders, utcnow()),
        paid_at=link.paid_at or (paid[0] if paid else None),
    )


async def checkout(
    db: AsyncSession, link_id: uuid.UUID, provider: PaymentProvider, settings: MainSettings
) -> Checkout:
    """The provider's page for this link: its open order, or a new one."""
    link = await tuition.get_link(db, link_id, lock=True)
    if link is None:
        raise TuitionLinkNotFound()
    configured = (
        settings.payme_configured
        if provider is PaymentProvider.payme
        else settings.click_configured
    )
    if not configured:
        raise PaymentsNotConfigured(details={"provider": provider.value})
    now = utcnow()
    orders = await _orders(db, link.id)
    status = _status(link, orders, now)
    if status in (BillStatus.paid, BillStatus.refunded):
        raise TuitionLinkPaid()
    if status is BillStatus.cancelled:
        raise TuitionLinkClosed()
    order = next((o for o in orders if display_status(o, now) in OPEN_STATUSES), None)
    if order is None:
        order = Order(
            kind=OrderKind.tuition,
            user_id=None,
            organization_id=link.organization_id,
            plan_id=None,
            payment_link_id=link.id,
            duration_days=0,
            base_amount=link.amount,
            discount=0,
            amount=link.amount,
            status=OrderStatus.pending,
            idempotency_key=f"tuition:{link.id}:{uuid.uuid4()}",
            expires_at=now + timedelta(hours=settings.order_ttl_hours),
        )
        db.add(order)
        await db.flush()
        logger.info("tuition_order_created", order_id=str(order.id), link_id=str(link.id))
    return Checkout(order, checkout_urls.checkout_url(settings, order, provider))
