"""Payme Merchant API methods (the operators' side: docs/payments.md).

Every method is idempotent on Payme's transaction id (UNIQUE with the provider): a retry gets the
stored result. Each method runs in a savepoint: an error answer leaves nothing behind, except
where the protocol says a change must stay (a transaction cancelled by the 12-hour timeout).
Unlike Payme's PHP template, a performed transaction is cancelled to state -2 (a refund) when
the purchase can still be taken back, and -31007 otherwise; unlike its Java template,
GetStatement returns transactions in every state; ChangePassword really changes the key.
"""

import json
import uuid
from collections.abc import Awaitable, Callable
from datetime import datetime
from typing import Any

import structlog
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from alif import tuition
from alif.db import utcnow
from alif.schemas import has_control_characters
from alif.subscriptions import SubscriptionPlan
from alif_main.config import MainSettings
from alif_main.orders.models import Order, OrderKind, PaymentProvider
from alif_main.payments import keys
from alif_main.payments import service as payments
from alif_main.payments.callbacks import REDACTED, record_callback
from alif_main.payments.models import CREATED, PERFORMED, PaymentTransaction
from alif_main.payments.payme.protocol import (
    ACCOUNT_FIELD,
    Code,
    PaymeError,
    account_order,
    amount,
    error_body,
    integer,
    parse,
    result_body,
    text,
)
from alif_main.payments.service import PAYME_TIMEOUT_MS, REASON_TIMEOUT, to_ms

logger = structlog.get_logger("alif_main.payments.payme")

PAYME = PaymentProvider.payme
Params = dict[str, Any]
Method = Callable[[AsyncSession, MainSettings, Params, datetime], Awaitable[dict[str, Any]]]


async def _order(db: AsyncSession, params: Params) -> Order:
    reference = account_order(params)
    try:
        return await payments.lock_order(db, reference)
    except payments.UnknownOrder as error:
        raise PaymeError(Code.ORDER_NOT_FOUND, ACCOUNT_FIELD) from error


async def _check_payable(
    db: AsyncSession, order: Order, paid: int, settings: MainSettings, now: datetime
) -> None:
    try:
        await payments.check_payable(db, order, paid, settings, now=now)
    except payments.WrongAmount as error:
        raise PaymeError(Code.WRONG_AMOUNT) from error
    except (payments.AlreadyPaid, payments.OrderClosed) as error:
        raise PaymeError(Code.ORDER_NOT_PAYABLE, ACCOUNT_FIELD) from error
    except payments.ReservedByAnother as error:
        raise PaymeError(Code.ORDER_BUSY, ACCOUNT_FIELD) from error
    except payments.AlreadySubscribed as error:
        raise PaymeError(Code.ALREADY_SUBSCRIBED, ACCOUNT_FIELD) from error


async def _transaction(db: AsyncSession, params: Params) -> tuple[Order, PaymentTransaction]:
    payme_id = text(params, "id", max_length=64)
    found = await payments.find_transaction(db, PAYME, payme_id)
    if found is None:
        raise PaymeError(Code.TRANSACTION_NOT_FOUND)
    return await payments.lock_transaction(db, found)


async def _expire_if_stale(
    db: AsyncSession,
    order: Order,
    transaction: PaymentTransaction,
    settings: MainSettings,
    now: datetime,
) -> None:
    """A state-1 transaction older than 12 hours becomes -1 with reason 4; the call gets -31008."""
    if payments.is_stale(transaction, now, settings):
        await payments.release(db, order, transaction, reason=REASON_TIMEOUT, now=now)
        raise PaymeError(Code.CANNOT_PERFORM, keep_changes=True)


def _created(transaction: PaymentTransaction) -> dict[str, Any]:
    return {
        "create_time": to_ms(transaction.created_at),
        "transaction": str(transaction.id),
        "state": transaction.state,
        "receivers": None,
    }


def _statement_item(transaction: PaymentTransaction) -> dict[str, Any]:
    return {
        "id": transaction.provider_tx_id,
        "time": transaction.provider_time,
        "amount": transaction.amount,
        "account": {ACCOUNT_FIELD: str(transaction.order_id)},
        "create_time": to_ms(transaction.created_at),
        "perform_time": to_ms(transaction.performed_at),
        "cancel_time": to_ms(transaction.cancelled_at),
        "transaction": str(transaction.id),
        "state": transaction.state,
        "reason": transaction.reason,
        "receivers": None,
    }


async def _receipt(db: AsyncSession, order: Order, settings: MainSettings) -> dict[str, Any]:
    """Fiscal receipt lines for Payme, when the product code (IKPU) is configured."""
    if order.kind is OrderKind.tuition:
        assert order.payment_link_id is not None
        link = await tuition.get_link(db, order.payment_link_id)
        assert link is not None
        title = f"Oʻquv toʻlovi, {link.month:%Y-%m}"  # the receipt's line, in Uzbek like plans'
    else:
        plan = await db.get(SubscriptionPlan, order.plan_id)
        assert plan is not None
        title = plan.name
    return {
        "receipt_type": 0,
        "items": [
            {
                "title": title,
                "price": order.amount,
                "count": 1,
                "code": settings.payme_ikpu_code,
                "package_code": settings.payme_package_code,
                "vat_percent": settings.payme_vat_percent,
            }
        ],
    }


async def check_perform_transaction(
    db: AsyncSession, settings: MainSettings, params: Params, now: datetime
) -> dict[str, Any]:
    paid = amount(params)
    order = await _order(db, params)
    await _check_payable(db, order, paid, settings, now)
    result: dict[str, Any] = {"allow": True}
    if settings.payme_ikpu_code:
        result["detail"] = await _receipt(db, order, settings)
    return result


def _names(reference: str, order: Order) -> bool:
    try:
        return uuid.UUID(reference) == order.id
    except ValueError:
        return False


async def _repeated_create(
    db: AsyncSession,
    found: PaymentTransaction,
    params: Params,
    settings: MainSettings,
    now: datetime,
) -> dict[str, Any]:
    order, transaction = await payments.lock_transaction(db, found)
    if transaction.state != CREATED:
        raise PaymeError(Code.CANNOT_PERFORM)
    await _expire_if_stale(db, order, transaction, settings, now)
    if not _names(account_order(params), order) or amount(params) != transaction.amount:
        raise PaymeError(Code.CANNOT_PERFORM)
    return _created(transaction)


async def create_transaction(
    db: AsyncSession, settings: MainSettings, params: Params, now: datetime
) -> dict[str, Any]:
    payme_id = text(params, "id", max_length=64)
    payme_time = integer(params, "time", low=1)
    paid = amount(params)
    found = await payments.find_transaction(db, PAYME, payme_id)
    if found is not None:
        return await _repeated_create(db, found, params, settings, now)
    if to_ms(now) - payme_time > PAYME_TIMEOUT_MS:
        raise PaymeError(Code.CANNOT_PERFORM)  # already past the timeout: nothing is stored
    order = await _order(db, params)
    # A retry of this very call may have stored it while this one waited for the order's lock.
    found = await payments.find_transaction(db, PAYME, payme_id)
    if found is not None:
        return await _repeated_create(db, found, params, settings, now)
    await _check_payable(db, order, paid, settings, now)
    transaction = await payments.open_transaction(
        db, order, PAYME, payme_id, now=now, provider_time=payme_time
    )
    return _created(transaction)


async def perform_transaction(
    db: AsyncSession, settings: MainSettings, params: Params, now: datetime
) -> dict[str, Any]:
    order, transaction = await _transaction(db, params)
    if transaction.state == CREATED:
        await _expire_if_stale(db, order, transaction, settings, now)
        try:
            await payments.perform(db, order, transaction, now=now)
        except payments.AlreadySubscribed as error:
            raise PaymeError(Code.ALREADY_SUBSCRIBED, ACCOUNT_FIELD) from error
    elif transaction.state != PERFORMED:
        raise PaymeError(Code.CANNOT_PERFORM)
    return {
        "transaction": str(transaction.id),
        "perform_time": to_ms(transaction.performed_at),
        "state": transaction.state,
    }


async def cancel_transaction(
    db: AsyncSession, settings: MainSettings, params: Params, now: datetime
) -> dict[str, Any]:
    reason = integer(params, "reason", low=1, high=10_000)
    order, transaction = await _transaction(db, params)
    if transaction.state == CREATED:
        await payments.cancel(
            db, order, transaction, reason=reason, now=now, why=f"payme_reason_{reason}"
        )
    elif transaction.state == PERFORMED:
        try:
            await payments.refund(db, order, transaction, settings, reason=reason, now=now)
        except payments.NotRefundable as error:
            raise PaymeError(Code.CANNOT_CANCEL) from error
    return {
        "transaction": str(transaction.id),
        "cancel_time": to_ms(transaction.cancelled_at),
        "state": transaction.state,
    }


async def check_transaction(
    db: AsyncSession, settings: MainSettings, params: Params, now: datetime
) -> dict[str, Any]:
    payme_id = text(params, "id", max_length=64)
    transaction = await payments.find_transaction(db, PAYME, payme_id)
    if transaction is None:
        raise PaymeError(Code.TRANSACTION_NOT_FOUND)
    return {
        "create_time": to_ms(transaction.created_at),
        "perform_time": to_ms(transaction.performed_at),
        "cancel_time": to_ms(transaction.cancelled_at),
        "transaction": str(transaction.id),
        "state": transaction.state,
        "reason": transaction.reason,
    }


async def get_statement(
    db: AsyncSession, settings: MainSettings, params: Params, now: datetime
) -> dict[str, Any]:
    """Transactions Payme created between `from` and `to` (its `time`, both ends included), in
    every state, oldest first. A failed CreateTransaction stored nothing, so it is not here."""
    start = integer(params, "from")
    end = integer(params, "to")
    transactions = await db.scalars(
        select(PaymentTransaction)
        .where(
            PaymentTransaction.provider == PAYME,
            PaymentTransaction.provider_time >= start,
            PaymentTransaction.provider_time <= end,
        )
        .order_by(PaymentTransaction.provider_time, PaymentTransaction.id)
    )
    return {"transactions": [_statement_item(t) for t in transactions]}


async def change_password(
    db: AsyncSession, settings: MainSettings, params: Params, now: datetime
) -> dict[str, Any]:
    new_key = text(params, "password", max_length=200)
    await keys.change_key(db, settings, new_key, now=now)
    logger.warning("payme_key_changed")
    return {"success": True}


METHODS: dict[str, Method] = {
    "CheckPerformTransaction": check_perform_transaction,
    "CreateTransaction": create_transaction,
    "PerformTransaction": perform_transaction,
    "CancelTransaction": cancel_transaction,
    "CheckTransaction": check_transaction,
    "GetStatement": get_statement,
    "ChangePassword": change_password,
}


async def _run(
    db: AsyncSession, method: Method, name: str, settings: MainSettings, params: Params
) -> dict[str, Any]:
    savepoint = await db.begin_nested()
    try:
        result = await method(db, settings, params, utcnow())
    except PaymeError as error:
        if error.keep_changes:
            await savepoint.commit()
        else:
            await savepoint.rollback()
        raise
    except Exception as error:
        await savepoint.rollback()
        logger.exception("payme_method_failed", method=name)
        raise PaymeError(Code.SYSTEM_ERROR) from error
    await savepoint.commit()
    return result


def _loggable(payload: Any, body: bytes) -> dict[str, Any]:
    if not isinstance(payload, dict):
        return {"raw": body[:2000].decode(errors="replace")}
    loggable: dict[str, Any] = dict(payload)
    params = payload.get("params")
    if isinstance(params, dict) and "password" in params:
        loggable["params"] = {**params, "password": REDACTED}
    return loggable


async def handle(
    db: AsyncSession,
    settings: MainSettings,
    *,
    authorization: str | None,
    body: bytes,
    peer_ip: str,
) -> dict[str, Any]:
    """One JSON-RPC call from Payme, answered with a body for an HTTP 200 (always)."""
    payload = _decode(body)
    request_id = _request_id(payload)
    method_name = payload.get("method") if isinstance(payload, dict) else None
    params = payload.get("params") if isinstance(payload, dict) else None
    error_code: int | None = None
    try:
        # The credential first: nothing about our data is revealed to an unauthenticated caller.
        if not await keys.payme_authorized(db, settings, authorization):
            raise PaymeError(Code.UNAUTHORIZED)
        if payload is None:
            raise PaymeError(Code.PARSE_ERROR)
        request = parse(payload)
        method = METHODS.get(request.method)
        if method is None:
            raise PaymeError(Code.METHOD_NOT_FOUND, request.method)
        response = result_body(
            request.id, await _run(db, method, request.method, settings, request.params)
        )
    except PaymeError as error:
        error_code = int(error.code)
        response = error_body(request_id, error)
    provider_tx_id = params.get("id") if isinstance(params, dict) else None
    if not isinstance(provider_tx_id, str) or has_control_characters(provider_tx_id):
        provider_tx_id = None
    await record_callback(
        db,
        PAYME,
        action=method_name if isinstance(method_name, str) else "",
        peer_ip=peer_ip,
        request=_loggable(payload, body),
        response=response,
        error_code=error_code,
        provider_tx_id=provider_tx_id,
    )
    return response


def _decode(body: bytes) -> Any:
    """The JSON body, or None when it is not JSON we can read (a parse error in the protocol).
    A body nested thousands of levels deep exhausts the parser's recursion: not JSON either."""
    try:
        return json.loads(body)
    except (ValueError, UnicodeDecodeError, RecursionError):
        return None


def _request_id(payload: Any) -> Any:
    return payload.get("id") if isinstance(payload, dict) else None


def not_post() -> dict[str, Any]:
    return error_body(None, PaymeError(Code.NOT_POST))


def system_error(body: bytes) -> dict[str, Any]:
    """The answer when our side failed (the database is down): Payme will retry."""
    return error_body(_request_id(_decode(body)), PaymeError(Code.SYSTEM_ERROR))
