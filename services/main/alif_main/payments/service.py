"""What every provider's callbacks do to an order, whichever protocol carries them.

An order is paid through one `PaymentTransaction` at a time (reserved: the order is `paying`).
Performing it activates the subscription in the same database transaction; cancelling it before
it was performed releases or cancels the order; cancelling it afterwards (a refund) takes the
purchase back only while it is unused. Each provider module maps the refusals below onto its own
error codes. Order rows are locked while deciding, and always before their transactions.
"""

import uuid
from datetime import UTC, datetime, timedelta

import structlog
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from alif import tuition
from alif.jobs import enqueue
from alif.subscriptions import SubscriptionPlan
from alif.tuition import TUITION_PAID, TUITION_REFUNDED
from alif_main.config import MainSettings
from alif_main.orders.models import Order, OrderKind, OrderStatus, PaymentProvider
from alif_main.orders.service import owner_of
from alif_main.payments.models import (
    CANCELLED,
    CANCELLED_AFTER_PERFORM,
    CREATED,
    PERFORMED,
    PaymentTransaction,
)
from alif_main.subscriptions import service as subscriptions
from alif_main.subscriptions.exceptions import (
    PlanChangeNotAllowed,
    PurchaseAlreadyUsed,
    SubscriptionAlreadyActive,
)
from alif_main.subscriptions.models import PeriodKind

logger = structlog.get_logger("alif_main.payments")

PAYME_TIMEOUT_MS = 43_200_000  # 12 hours after Payme created the transaction
REASON_TIMEOUT = 4  # Payme's reason for a transaction cancelled by the timeout (Click's too)
EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


def to_ms(moment: datetime | None) -> int:
    """Milliseconds since the epoch, exact (Payme's Timestamp); 0 for a time that did not happen."""
    if moment is None:
        return 0
    return (moment - EPOCH) // timedelta(milliseconds=1)


class Refusal(Exception):
    """Why a provider's request cannot go on; each protocol answers with its own code."""


class UnknownOrder(Refusal):
    pass


class WrongAmount(Refusal):
    pass


class AlreadyPaid(Refusal):
    pass


class OrderClosed(Refusal):
    """Cancelled, refunded or expired: it will not be paid."""


class ReservedByAnother(Refusal):
    """Another payment for this order is in progress."""


class AlreadySubscribed(Refusal):
    """Paying would charge an active family again without being asked to (Kundalik's rule), or
    pay a tuition link a second time."""


class NotRefundable(Refusal):
    """What was bought has been used: it cannot be taken back."""


async def lock_order(db: AsyncSession, reference: object) -> Order:
    """The order a provider names (`order_id`, `merchant_trans_id`), locked; `UnknownOrder` else."""
    try:
        order_id = uuid.UUID(str(reference))
    except ValueError as error:
        raise UnknownOrder() from error
    order: Order | None = await db.scalar(
        select(Order)
        .where(Order.id == order_id)
        .with_for_update()
        .execution_options(populate_existing=True)
    )
    if order is None:
        raise UnknownOrder()
    return order


async def find_transaction(
    db: AsyncSession, provider: PaymentProvider, provider_tx_id: str, *, lock: bool = False
) -> PaymentTransaction | None:
    query = select(PaymentTransaction).where(
        PaymentTransaction.provider == provider,
        PaymentTransaction.provider_tx_id == provider_tx_id,
    )
    if lock:
        query = query.with_for_update().execution_options(populate_existing=True)
    transaction: PaymentTransaction | None = await db.scalar(query)
    return transaction


async def lock_transaction(
    db: AsyncSession, transaction: PaymentTransaction
) -> tuple[Order, PaymentTransaction]:
    """Lock a transaction's order, then the transaction itself, and read both afresh."""
    order = await lock_order(db, transaction.order_id)
    locked = await find_transaction(db, transaction.provider, transaction.provider_tx_id, lock=True)
    assert locked is not None
    return order, locked


def is_stale(transaction: PaymentTransaction, now: datetime, settings: MainSettings) -> bool:
    """A payment in progress that its provider will no longer complete."""
    if transaction.provider is PaymentProvider.payme:
        assert transaction.provider_time is not None
        return to_ms(now) - transaction.provider_time > PAYME_TIMEOUT_MS
    age = now - transaction.created_at
    return age > timedelta(minutes=settings.click_prepare_ttl_minutes)


async def release(
    db: AsyncSession, order: Order, transaction: PaymentTransaction, *, reason: int, now: datetime
) -> None:
    """End a payment that timed out; its order can be paid again (until the order expires)."""
    _cancel(transaction, reason, now)
    order.status = OrderStatus.pending if order.expires_at > now else OrderStatus.expired
    order.provider = None
    await db.flush()
    logger.info("payment_timed_out", order_id=str(order.id), transaction_id=transaction.id)


async def cancel(
    db: AsyncSession,
    order: Order,
    transaction: PaymentTransaction,
    *,
    reason: int,
    now: datetime,
    why: str,
) -> None:
    """The provider cancelled the payment before it was performed: the order is cancelled too."""
    _cancel(transaction, reason, now)
    order.status = OrderStatus.cancelled
    order.cancelled_at = now
    order.cancel_reason = why[:60]
    await db.flush()
    logger.info("payment_cancelled", order_id=str(order.id), transaction_id=transaction.id)


def _cancel(transaction: PaymentTransaction, reason: int, now: datetime) -> None:
    transaction.state = CANCELLED
    transaction.reason = reason
    transaction.cancelled_at = now


async def live_transaction(db: AsyncSession, order: Order) -> PaymentTransaction | None:
    transaction: PaymentTransaction | None = await db.scalar(
        select(PaymentTransaction)
        .where(PaymentTransaction.order_id == order.id, PaymentTransaction.state == CREATED)
        .with_for_update()
        .execution_options(populate_existing=True)
    )
    return transaction


async def check_payable(
    db: AsyncSession,
    order: Order,
    amount: int,
    settings: MainSettings,
    *,
    now: datetime,
) -> None:
    """Everything a payment of `amount` for a locked `order` needs, before money moves."""
    if amount != order.amount:
        raise WrongAmount()
    if order.status is OrderStatus.paid:
        raise AlreadyPaid()
    if order.status is OrderStatus.paying:
        live = await live_transaction(db, order)
        if live is not None:
            if not is_stale(live, now, settings):
                raise ReservedByAnother()
            await release(db, order, live, reason=REASON_TIMEOUT, now=now)
    if order.status is OrderStatus.pending and order.expires_at <= now:
        raise OrderClosed()
    if order.status not in (OrderStatus.pending, OrderStatus.paying):
        raise OrderClosed()
    if order.kind is OrderKind.tuition:
        await _check_tuition(db, order)
        return
    plan = await db.get(SubscriptionPlan, order.plan_id)
    assert plan is not None
    subscription = await subscriptions.find_subscription(db, owner_of(order))
    try:
        subscriptions.check_can_buy(subscription, plan, extend=order.extend, now=now)
    except (SubscriptionAlreadyActive, PlanChangeNotAllowed) as error:
        raise AlreadySubscribed() from error


async def _other_paid_order(db: AsyncSession, order: Order) -> bool:
    """Another order of the same tuition link was paid (crm may not have recorded it yet)."""
    found = await db.scalar(
        select(Order.id).where(
            Order.payment_link_id == order.payment_link_id,
            Order.id != order.id,
            Order.status == OrderStatus.paid,
        )
    )
    return found is not None


async def _check_tuition(db: AsyncSession, order: Order) -> None:
    """A tuition link is paid once, and not after the centre withdrew it."""
    assert order.payment_link_id is not None
    link = await tuition.get_link(db, order.payment_link_id)
    if link is None or link.status is tuition.LinkStatus.cancelled:
        raise OrderClosed()
    if link.status is not tuition.LinkStatus.waiting or await _other_paid_order(db, order):
        raise AlreadyPaid()


async def _tuition_paid(
    db: AsyncSession, order: Order, transaction: PaymentTransaction, now: datetime
) -> None:
    """Hand the payment to crm through the outbox, in this transaction: it lands on the student's
    balance once, however often the provider repeats the call (decision 58)."""
    if await _other_paid_order(db, order):
        raise AlreadySubscribed()  # paying would charge the family twice for one link
    await enqueue(
        db,
        TUITION_PAID,
        {
            "order_id": str(order.id),
            "link_id": str(order.payment_link_id),
            "amount": order.amount,
            "provider": transaction.provider.value,
        },
        key=f"tuition-paid:{order.id}",
    )


async def open_transaction(
    db: AsyncSession,
    order: Order,
    provider: PaymentProvider,
    provider_tx_id: str,
    *,
    now: datetime,
    provider_time: int | None = None,
    click_paydoc_id: int | None = None,
) -> PaymentTransaction:
    """Start a payment and reserve the order for it."""
    transaction = PaymentTransaction(
        provider=provider,
        provider_tx_id=provider_tx_id,
        order_id=order.id,
        amount=order.amount,
        state=CREATED,
        provider_time=provider_time,
        click_paydoc_id=click_paydoc_id,
        created_at=now,
    )
    db.add(transaction)
    order.status = OrderStatus.paying
    order.provider = provider
    await db.flush()
    logger.info(
        "payment_started", provider=provider.value, order_id=str(order.id), tx=transaction.id
    )
    return transaction


async def perform(
    db: AsyncSession, order: Order, transaction: PaymentTransaction, *, now: datetime
) -> None:
    """The money is taken: activate the subscription (or hand a tuition payment to crm), mark
    everything paid, all or nothing."""
    if order.kind is OrderKind.tuition:
        await _tuition_paid(db, order, transaction, now)
    else:
        plan = await db.get(SubscriptionPlan, order.plan_id)
        assert plan is not None
        subscription = await subscriptions.lock_subscription(db, owner_of(order), plan, now)
        try:
            subscriptions.check_can_buy(subscription, plan, extend=order.extend, now=now)
        except (SubscriptionAlreadyActive, PlanChangeNotAllowed) as error:
            raise AlreadySubscribed() from error
        await subscriptions.add_period(
            db,
            subscription,
            plan,
            PeriodKind.paid,
            days=order.duration_days,
            now=now,
            order_id=order.id,
        )
    transaction.state = PERFORMED
    transaction.performed_at = now
    order.status = OrderStatus.paid
    order.paid_at = now
    order.fulfilled_at = now
    await db.flush()
    logger.info("payment_performed", order_id=str(order.id), transaction_id=transaction.id)


async def refund(
    db: AsyncSession,
    order: Order,
    transaction: PaymentTransaction,
    settings: MainSettings,
    *,
    reason: int,
    now: datetime,
) -> None:
    """Cancel a performed payment: only while what it bought is unused (else `NotRefundable`).
    Tuition is money on a balance, never "used": the refund goes to crm's books too."""
    if order.kind is OrderKind.tuition:
        await enqueue(
            db,
            TUITION_REFUNDED,
            {"order_id": str(order.id), "link_id": str(order.payment_link_id)},
            key=f"tuition-refunded:{order.id}",
        )
    else:
        try:
            await subscriptions.revoke_order_period(
                db,
                order.id,
                now=now,
                window=timedelta(hours=settings.subscription_refund_window_hours),
            )
        except PurchaseAlreadyUsed as error:
            raise NotRefundable() from error
    transaction.state = CANCELLED_AFTER_PERFORM
    transaction.reason = reason
    transaction.cancelled_at = now
    order.status = OrderStatus.refunded
    order.refunded_at = now
    await db.flush()
    logger.info("payment_refunded", order_id=str(order.id), transaction_id=transaction.id)
