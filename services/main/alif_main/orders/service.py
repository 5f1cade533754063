"""Orders: a plan being bought, its amount in tiyin, its status for the return page to poll."""

import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta

import structlog
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from alif.auth import AccountNotApproved, AccountStatus, TokenUser
from alif.db import utcnow
from alif.schemas import Found, PageParams
from alif.subscriptions import SubscriptionPlan
from alif_main.config import MainSettings
from alif_main.orders import checkout
from alif_main.orders.exceptions import (
    AmountTooSmall,
    OrderBusy,
    OrderKeyReused,
    OrderNotFound,
    OrderNotPayable,
    PaymentsNotConfigured,
)
from alif_main.orders.models import OPEN_STATUSES, Order, OrderStatus, PaymentProvider
from alif_main.orders.schemas import OrderCreate
from alif_main.subscriptions import service as subscriptions
from alif_main.subscriptions.models import PromoRedemption
from alif_main.subscriptions.service import Owner

logger = structlog.get_logger("alif_main.orders")

MIN_AMOUNT = 100  # tiyin: the providers take at least 1 so'm


@dataclass(frozen=True, slots=True)
class OrderView:
    order: Order
    plan: SubscriptionPlan

    @property
    def status(self) -> OrderStatus:
        return display_status(self.order, utcnow())


def display_status(order: Order, now: datetime) -> OrderStatus:
    """A pending order past its time is expired, whether or not anything has written it yet."""
    if order.status is OrderStatus.pending and order.expires_at <= now:
        return OrderStatus.expired
    return order.status


def owner_of(order: Order) -> Owner:
    if order.organization_id is not None:
        return Owner(user_id=None, organization_id=order.organization_id)
    return Owner(user_id=order.user_id, organization_id=None)


async def _by_key(db: AsyncSession, user_id: uuid.UUID, key: str) -> Order | None:
    order: Order | None = await db.scalar(
        select(Order).where(Order.user_id == user_id, Order.idempotency_key == key)
    )
    return order


async def create_order(
    db: AsyncSession, user: TokenUser, data: OrderCreate, settings: MainSettings
) -> OrderView:
    """A new order, or the one this idempotency key made before (a retried request)."""
    existing = await _by_key(db, user.id, data.idempotency_key)
    if existing is not None:
        return await _same_order(db, existing, data)
    if user.status is not AccountStatus.active:
        raise AccountNotApproved()
    now = utcnow()
    owner = await subscriptions.owner_for(db, user)
    plan = await subscriptions.get_plan(db, data.plan_id, active_only=True)
    subscriptions.check_audience(owner, plan)
    subscriptions.check_can_buy(
        await subscriptions.find_subscription(db, owner), plan, extend=data.extend, now=now
    )
    promo = None
    discount = 0
    if data.promo_code:
        promo = await subscriptions.apply_promo_to_order(
            db, data.promo_code, user_id=user.id, plan=plan, now=now
        )
        assert promo.percent is not None
        discount = plan.price * promo.percent // 100
    amount = plan.price - discount
    if amount < MIN_AMOUNT:
        raise AmountTooSmall(details={"amount": amount, "minimum": MIN_AMOUNT})
    order = Order(
        user_id=user.id,
        organization_id=owner.organization_id,
        plan_id=plan.id,
        extend=data.extend,
        duration_days=plan.duration_days,
        base_amount=plan.price,
        discount=discount,
        amount=amount,
        promo_code_id=promo.id if promo else None,
        status=OrderStatus.pending,
        idempotency_key=data.idempotency_key,
        expires_at=now + timedelta(hours=settings.order_ttl_hours),
    )
    try:
        async with db.begin_nested():
            db.add(order)
            await db.flush()
            if promo is not None:
                db.add(PromoRedemption(promo_code_id=promo.id, user_id=user.id, order_id=order.id))
                await db.flush()
    except IntegrityError:
        # The same request arrived twice at once; the first one made the order.
        existing = await _by_key(db, user.id, data.idempotency_key)
        if existing is None:
            raise
        return await _same_order(db, existing, data)
    logger.info("order_created", order_id=str(order.id), plan=plan.code, amount=amount)
    return OrderView(order, plan)


async def _same_order(db: AsyncSession, order: Order, data: OrderCreate) -> OrderView:
    if order.plan_id != data.plan_id or order.extend != data.extend:
        raise OrderKeyReused()
    return OrderView(order, await subscriptions.get_plan(db, data.plan_id))


async def list_orders(db: AsyncSession, user_id: uuid.UUID, page: PageParams) -> Found[OrderView]:
    base = select(Order).where(Order.user_id == user_id)
    total = await db.scalar(select(func.count()).select_from(base.subquery())) or 0
    rows = await db.execute(
        select(Order, SubscriptionPlan)
        .join(SubscriptionPlan, SubscriptionPlan.id == Order.plan_id)
        .where(Order.user_id == user_id)
        .order_by(Order.created_at.desc(), Order.id)
        .limit(page.limit)
        .offset(page.offset)
    )
    return Found(items=[OrderView(*row) for row in rows], total=total)


async def get_order(db: AsyncSession, user_id: uuid.UUID, order_id: uuid.UUID) -> OrderView:
    """The buyer's own order; anyone else's is not found."""
    row = (
        await db.execute(
            select(Order, SubscriptionPlan)
            .join(SubscriptionPlan, SubscriptionPlan.id == Order.plan_id)
            .where(Order.id == order_id, Order.user_id == user_id)
        )
    ).first()
    if row is None:
        raise OrderNotFound()
    return OrderView(*row)


async def cancel_order(db: AsyncSession, view: OrderView) -> OrderView:
    order = view.order
    status = display_status(order, utcnow())
    if status is OrderStatus.paying:
        raise OrderBusy()
    if status is not OrderStatus.pending:
        raise OrderNotPayable()
    locked = await db.scalar(
        select(Order)
        .where(Order.id == order.id)
        .with_for_update()
        .execution_options(populate_existing=True)
    )
    assert locked is not None
    if locked.status is not OrderStatus.pending:  # a provider reserved it meanwhile
        raise OrderBusy()
    locked.status = OrderStatus.cancelled
    locked.cancelled_at = utcnow()
    locked.cancel_reason = "buyer"
    await db.flush()
    return OrderView(locked, view.plan)


async def checkout_link(
    db: AsyncSession, view: OrderView, provider: PaymentProvider, settings: MainSettings
) -> str:
    configured = (
        settings.payme_configured
        if provider is PaymentProvider.payme
        else settings.click_configured
    )
    if not configured:
        raise PaymentsNotConfigured(details={"provider": provider.value})
    order = view.order
    if display_status(order, utcnow()) not in OPEN_STATUSES:
        raise OrderNotPayable()
    subscriptions.check_can_buy(
        await subscriptions.find_subscription(db, owner_of(order)),
        view.plan,
        extend=order.extend,
        now=utcnow(),
    )
    return checkout.checkout_url(settings, order, provider)
