"""Click SHOP API: Prepare (action 0) and Complete (action 1), form-encoded, answered in JSON.

The signature is checked first, over the exact strings received (Click signs "1000.00"; turning it
into a number first breaks it), and compared in constant time. The formulas follow Click's
documentation and its Django library, not its PHP library (which hashes the wrong field).
Both calls are idempotent on `click_trans_id` (UNIQUE with the provider).
"""

import hashlib
import hmac
import re
from collections.abc import Mapping
from datetime import datetime, timedelta, timezone
from decimal import Decimal, InvalidOperation
from enum import IntEnum
from typing import Any

import structlog
from sqlalchemy.ext.asyncio import AsyncSession

from alif.db import utcnow
from alif_main.config import MainSettings
from alif_main.orders.models import PaymentProvider
from alif_main.payments import service as payments
from alif_main.payments.callbacks import record_callback
from alif_main.payments.models import CREATED, PERFORMED, PaymentTransaction

logger = structlog.get_logger("alif_main.payments.click")

CLICK = PaymentProvider.click
PREPARE, COMPLETE = "0", "1"
# Click writes sign_time in Tashkent time (UTC+5, no summer time).
CLICK_ZONE = timezone(timedelta(hours=5), "Asia/Tashkent")
CLOCK_SKEW = timedelta(minutes=10)
REASON_CLICK_ERROR = 3  # Payme's "error while executing the transaction", kept for Click's too


class ErrorCode(IntEnum):
    SUCCESS = 0
    SIGN_CHECK_FAILED = -1
    INCORRECT_AMOUNT = -2
    ACTION_NOT_FOUND = -3
    ALREADY_PAID = -4
    USER_DOES_NOT_EXIST = -5
    TRANSACTION_DOES_NOT_EXIST = -6
    FAILED_TO_UPDATE_USER = -7
    BAD_REQUEST = -8
    TRANSACTION_CANCELLED = -9


NOTES = {
    ErrorCode.SUCCESS: "Success",
    ErrorCode.SIGN_CHECK_FAILED: "SIGN CHECK FAILED!",
    ErrorCode.INCORRECT_AMOUNT: "Incorrect parameter amount",
    ErrorCode.ACTION_NOT_FOUND: "Action not found",
    ErrorCode.ALREADY_PAID: "Already paid",
    ErrorCode.USER_DOES_NOT_EXIST: "User does not exist",
    ErrorCode.TRANSACTION_DOES_NOT_EXIST: "Transaction does not exist",
    ErrorCode.FAILED_TO_UPDATE_USER: "Failed to update user",
    ErrorCode.BAD_REQUEST: "Error in request from click",
    ErrorCode.TRANSACTION_CANCELLED: "Transaction cancelled",
}

_INTEGER = re.compile(r"-?[0-9]{1,19}")
SIGNED_FIELDS = ("click_trans_id", "service_id", "merchant_trans_id", "amount", "action")
REQUIRED = (*SIGNED_FIELDS, "click_paydoc_id", "error", "sign_time", "sign_string")


class ClickError(Exception):
    def __init__(self, code: ErrorCode, *, keep_changes: bool = False) -> None:
        super().__init__(code.name)
        self.code = code
        self.keep_changes = keep_changes


def signature(fields: Mapping[str, str], secret_key: str, *, complete: bool) -> str:
    """md5(click_trans_id + service_id + SECRET_KEY + merchant_trans_id
    [+ merchant_prepare_id on Complete] + amount + action + sign_time), hex."""
    parts = [
        fields["click_trans_id"],
        fields["service_id"],
        secret_key,
        fields["merchant_trans_id"],
    ]
    if complete:
        parts.append(fields["merchant_prepare_id"])
    parts += [fields["amount"], fields["action"], fields["sign_time"]]
    # MD5 is what Click's protocol specifies; the secret key is what makes it unforgeable.
    return hashlib.md5("".join(parts).encode(), usedforsecurity=False).hexdigest()


def _tiyin(raw: str) -> int:
    """Click's so'm string as whole tiyin; anything with a fraction of a tiyin is refused."""
    try:
        value = Decimal(raw.strip())
    except InvalidOperation as error:
        raise ClickError(ErrorCode.BAD_REQUEST) from error
    if not value.is_finite() or value <= 0:
        raise ClickError(ErrorCode.INCORRECT_AMOUNT)
    tiyin = value * 100
    if tiyin != tiyin.to_integral_value():
        raise ClickError(ErrorCode.INCORRECT_AMOUNT)
    return int(tiyin)


def _int(raw: str) -> int:
    # Only plain digits: int() would also take "1_000" or "+7", which Click never sends.
    if not _INTEGER.fullmatch(raw.strip()):
        raise ClickError(ErrorCode.BAD_REQUEST)
    return int(raw.strip())


def _signed_recently(raw: str, now: datetime, settings: MainSettings) -> bool:
    try:
        signed = datetime.strptime(raw.strip(), "%Y-%m-%d %H:%M:%S").replace(tzinfo=CLICK_ZONE)
    except ValueError as error:
        raise ClickError(ErrorCode.BAD_REQUEST) from error
    max_age = timedelta(minutes=settings.click_sign_max_age_minutes)
    return now - max_age <= signed <= now + CLOCK_SKEW


def _verify(fields: Mapping[str, str], settings: MainSettings, *, complete: bool) -> None:
    """The signature before anything else; then the fields that are not signed."""
    required = (*REQUIRED, "merchant_prepare_id") if complete else REQUIRED
    if any(name not in fields for name in required):
        raise ClickError(ErrorCode.BAD_REQUEST)
    if not settings.click_configured:
        logger.error("click_not_configured")
        raise ClickError(ErrorCode.SIGN_CHECK_FAILED)
    # Click signs with the formula of the action it sends, whichever address it sent it to.
    signed_as_complete = fields["action"] == COMPLETE and "merchant_prepare_id" in fields
    expected = signature(fields, settings.click_secret_key, complete=signed_as_complete)
    received = fields["sign_string"].strip().lower()
    if not hmac.compare_digest(expected.encode(), received.encode()):
        raise ClickError(ErrorCode.SIGN_CHECK_FAILED)
    if fields["service_id"].strip() != settings.click_service_id.strip():
        raise ClickError(ErrorCode.BAD_REQUEST)
    if fields["action"] != (COMPLETE if complete else PREPARE):
        raise ClickError(ErrorCode.ACTION_NOT_FOUND)


def _answer(fields: Mapping[str, str], code: ErrorCode, **ids: int) -> dict[str, Any]:
    raw_id = fields.get("click_trans_id", "")
    return {
        "click_trans_id": int(raw_id) if raw_id.strip().isdigit() else raw_id,
        "merchant_trans_id": fields.get("merchant_trans_id", ""),
        **ids,
        "error": int(code),
        "error_note": NOTES[code],
    }


def system_error(fields: Mapping[str, str]) -> dict[str, Any]:
    """The answer when our side failed (the database is down): nothing was applied."""
    return _answer(fields, ErrorCode.FAILED_TO_UPDATE_USER)


def _refused(transaction: PaymentTransaction) -> ClickError:
    if transaction.state == PERFORMED:
        return ClickError(ErrorCode.ALREADY_PAID)
    return ClickError(ErrorCode.TRANSACTION_CANCELLED)


def _repeated_prepare(
    transaction: PaymentTransaction, fields: Mapping[str, str], paid: int
) -> dict[str, Any]:
    if str(transaction.order_id) != fields["merchant_trans_id"] or transaction.amount != paid:
        raise ClickError(ErrorCode.BAD_REQUEST)
    if transaction.state != CREATED:
        raise _refused(transaction)
    return _answer(fields, ErrorCode.SUCCESS, merchant_prepare_id=transaction.id)


async def _prepare(
    db: AsyncSession, settings: MainSettings, fields: Mapping[str, str], now: datetime
) -> dict[str, Any]:
    _verify(fields, settings, complete=False)
    click_trans_id = str(_int(fields["click_trans_id"]))
    paydoc_id = _int(fields["click_paydoc_id"])
    paid = _tiyin(fields["amount"])
    found = await payments.find_transaction(db, CLICK, click_trans_id)
    if found is not None:  # Click repeating a Prepare
        return _repeated_prepare(found, fields, paid)
    if not _signed_recently(fields["sign_time"], now, settings):
        raise ClickError(ErrorCode.BAD_REQUEST)
    try:
        order = await payments.lock_order(db, fields["merchant_trans_id"])
    except payments.UnknownOrder as error:
        raise ClickError(ErrorCode.USER_DOES_NOT_EXIST) from error
    # The same Prepare may have been stored while this one waited for the order's lock.
    found = await payments.find_transaction(db, CLICK, click_trans_id)
    if found is not None:
        return _repeated_prepare(found, fields, paid)
    try:
        await payments.check_payable(db, order, paid, settings, now=now)
    except payments.WrongAmount as error:
        raise ClickError(ErrorCode.INCORRECT_AMOUNT) from error
    except payments.AlreadyPaid as error:
        raise ClickError(ErrorCode.ALREADY_PAID) from error
    except (payments.OrderClosed, payments.ReservedByAnother, payments.AlreadySubscribed) as error:
        # Refused before Click takes the money: the payment simply does not happen.
        raise ClickError(ErrorCode.TRANSACTION_CANCELLED) from error
    transaction = await payments.open_transaction(
        db, order, CLICK, click_trans_id, now=now, click_paydoc_id=paydoc_id
    )
    return _answer(fields, ErrorCode.SUCCESS, merchant_prepare_id=transaction.id)


async def _complete(
    db: AsyncSession, settings: MainSettings, fields: Mapping[str, str], now: datetime
) -> dict[str, Any]:
    _verify(fields, settings, complete=True)
    click_trans_id = str(_int(fields["click_trans_id"]))
    prepare_id = _int(fields["merchant_prepare_id"])
    click_error = _int(fields["error"])
    paid = _tiyin(fields["amount"])
    found = await payments.find_transaction(db, CLICK, click_trans_id)
    if found is None or found.id != prepare_id:
        raise ClickError(ErrorCode.TRANSACTION_DOES_NOT_EXIST)
    order, transaction = await payments.lock_transaction(db, found)
    if str(order.id) != fields["merchant_trans_id"]:
        raise ClickError(ErrorCode.TRANSACTION_DOES_NOT_EXIST)
    if paid != transaction.amount:
        raise ClickError(ErrorCode.INCORRECT_AMOUNT)
    if transaction.state != CREATED:
        # Confirming or cancelling a confirmed payment is -4 in Click's protocol; nothing changes.
        raise _refused(transaction)
    # Click failed the payment, or is confirming it far too late: it will not be completed.
    if click_error < 0 or not _signed_recently(fields["sign_time"], now, settings):
        await payments.cancel(
            db,
            order,
            transaction,
            reason=REASON_CLICK_ERROR,
            now=now,
            why=f"click_error_{click_error}" if click_error < 0 else "click_late_complete",
        )
        raise ClickError(ErrorCode.TRANSACTION_CANCELLED, keep_changes=True)
    try:
        await payments.perform(db, order, transaction, now=now)
    except payments.AlreadySubscribed as error:
        # Another payment activated this family meanwhile: refuse, so Click returns the money.
        await payments.cancel(
            db, order, transaction, reason=REASON_CLICK_ERROR, now=now, why="already_subscribed"
        )
        raise ClickError(ErrorCode.TRANSACTION_CANCELLED, keep_changes=True) from error
    return _answer(fields, ErrorCode.SUCCESS, merchant_confirm_id=transaction.id)


async def handle(
    db: AsyncSession,
    settings: MainSettings,
    fields: Mapping[str, str],
    *,
    complete: bool,
    peer_ip: str,
) -> dict[str, Any]:
    """One Prepare or Complete from Click; the answer is always a JSON body with `error`."""
    step = _complete if complete else _prepare
    savepoint = await db.begin_nested()
    try:
        response = await step(db, settings, fields, utcnow())
    except ClickError as error:
        if error.keep_changes:
            await savepoint.commit()
        else:
            await savepoint.rollback()
        response = _answer(fields, error.code)
    except Exception:
        await savepoint.rollback()
        logger.exception("click_callback_failed", complete=complete)
        response = _answer(fields, ErrorCode.FAILED_TO_UPDATE_USER)
    else:
        await savepoint.commit()
    await record_callback(
        db,
        CLICK,
        action="complete" if complete else "prepare",
        peer_ip=peer_ip,
        request=dict(fields),
        response=response,
        error_code=response["error"] or None,
        provider_tx_id=fields.get("click_trans_id"),
    )
    return response
