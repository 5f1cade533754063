"""What staff check every day: payments by provider and state, and what looks wrong.

Flags: a Payme transaction still in state 1 more than 12 hours after Payme created it (Payme
should have cancelled or performed it); a Click payment prepared and never completed; an order
paid whose subscription time is missing; a provider transaction performed whose order is not paid.
Activation happens in the same database transaction as the payment, so the last two mean a bug
or a manual change: each is listed with what to compare against the provider's records.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from sqlalchemy import ColumnElement, Select, and_, func, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from alif.schemas import Found, PageParams
from alif_main.config import MainSettings
from alif_main.orders.models import Order, OrderKind, OrderStatus, PaymentProvider
from alif_main.payments.models import CREATED, PERFORMED, PaymentTransaction
from alif_main.payments.service import PAYME_TIMEOUT_MS, to_ms
from alif_main.subscriptions.models import SubscriptionPeriod


class Flag(StrEnum):
    stale_payme = "stale_payme"  # state 1 more than 12 h after Payme's `time`
    stale_click = "stale_click"  # prepared, never completed
    performed_order_not_paid = "performed_order_not_paid"


@dataclass(frozen=True, slots=True)
class Totals:
    provider: PaymentProvider
    state: int
    count: int
    amount: int


@dataclass(frozen=True, slots=True)
class FlaggedTransaction:
    transaction: PaymentTransaction
    order_status: OrderStatus
    flags: tuple[Flag, ...]


@dataclass(frozen=True, slots=True)
class Report:
    totals: list[Totals]
    flagged: list[FlaggedTransaction]
    paid_not_activated: list[Order]


def _stale_conditions(
    now: datetime, settings: MainSettings
) -> tuple[ColumnElement[bool], ColumnElement[bool]]:
    stale_payme = and_(
        PaymentTransaction.provider == PaymentProvider.payme,
        PaymentTransaction.state == CREATED,
        PaymentTransaction.provider_time < to_ms(now) - PAYME_TIMEOUT_MS,
    )
    stale_click = and_(
        PaymentTransaction.provider == PaymentProvider.click,
        PaymentTransaction.state == CREATED,
        PaymentTransaction.created_at < now - timedelta(minutes=settings.click_prepare_ttl_minutes),
    )
    return stale_payme, stale_click


def flags_of(
    transaction: PaymentTransaction, order: Order, now: datetime, settings: MainSettings
) -> tuple[Flag, ...]:
    flags: list[Flag] = []
    if transaction.state == CREATED:
        if transaction.provider is PaymentProvider.payme:
            assert transaction.provider_time is not None
            if to_ms(now) - transaction.provider_time > PAYME_TIMEOUT_MS:
                flags.append(Flag.stale_payme)
        elif now - transaction.created_at > timedelta(minutes=settings.click_prepare_ttl_minutes):
            flags.append(Flag.stale_click)
    if transaction.state == PERFORMED and order.status is not OrderStatus.paid:
        flags.append(Flag.performed_order_not_paid)
    return tuple(flags)


def _transactions(
    provider: PaymentProvider | None, state: int | None
) -> Select[PaymentTransaction, Order]:
    query = select(PaymentTransaction, Order).join(Order, Order.id == PaymentTransaction.order_id)
    if provider is not None:
        query = query.where(PaymentTransaction.provider == provider)
    if state is not None:
        query = query.where(PaymentTransaction.state == state)
    return query


async def list_transactions(
    db: AsyncSession,
    settings: MainSettings,
    page: PageParams,
    *,
    provider: PaymentProvider | None,
    state: int | None,
    now: datetime,
) -> Found[FlaggedTransaction]:
    query = _transactions(provider, state)
    total = await db.scalar(select(func.count()).select_from(query.subquery())) or 0
    rows = await db.execute(
        query.order_by(PaymentTransaction.created_at.desc(), PaymentTransaction.id.desc())
        .limit(page.limit)
        .offset(page.offset)
    )
    return Found(
        items=[
            FlaggedTransaction(tx, order.status, flags_of(tx, order, now, settings))
            for tx, order in rows
        ],
        total=total,
    )


async def report(db: AsyncSession, settings: MainSettings, *, now: datetime) -> Report:
    totals = await db.execute(
        select(
            PaymentTransaction.provider,
            PaymentTransaction.state,
            func.count(),
            func.coalesce(func.sum(PaymentTransaction.amount), 0),
        )
        .group_by(PaymentTransaction.provider, PaymentTransaction.state)
        .order_by(PaymentTransaction.provider, PaymentTransaction.state)
    )
    stale_payme, stale_click = _stale_conditions(now, settings)
    suspicious = await db.execute(
        _transactions(None, None)
        .where(
            or_(
                stale_payme,
                stale_click,
                and_(PaymentTransaction.state == PERFORMED, Order.status != OrderStatus.paid),
            )
        )
        .order_by(PaymentTransaction.created_at)
    )
    live_period = (
        select(SubscriptionPeriod.id)
        .where(SubscriptionPeriod.order_id == Order.id, SubscriptionPeriod.revoked_at.is_(None))
        .exists()
    )
    paid_not_activated = await db.scalars(
        select(Order)
        .where(
            Order.status == OrderStatus.paid,
            # A tuition order activates nothing here: crm's books hold it.
            Order.kind == OrderKind.plan,
            or_(Order.fulfilled_at.is_(None), ~live_period),
        )
        .order_by(Order.paid_at)
    )
    return Report(
        totals=[Totals(p, s, c, int(a)) for p, s, c, a in totals],
        flagged=[
            FlaggedTransaction(tx, order.status, flags_of(tx, order, now, settings))
            for tx, order in suspicious
        ],
        paid_not_activated=list(paid_not_activated),
    )
