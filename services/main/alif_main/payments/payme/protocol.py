"""Payme Merchant API: JSON-RPC envelopes, error codes and their messages in uz, ru and en.

Codes from Payme's error page; the account errors (-31050...-31099) are ours to choose within
Payme's range, each with a localized message and `data` naming the account field.
"""

from dataclasses import dataclass
from enum import IntEnum
from typing import Any

from alif.schemas import has_control_characters

ACCOUNT_FIELD = "order_id"


class Code(IntEnum):
    NOT_POST = -32300
    PARSE_ERROR = -32700
    INVALID_REQUEST = -32600
    METHOD_NOT_FOUND = -32601
    UNAUTHORIZED = -32504
    SYSTEM_ERROR = -32400
    WRONG_AMOUNT = -31001
    TRANSACTION_NOT_FOUND = -31003
    CANNOT_CANCEL = -31007
    CANNOT_PERFORM = -31008
    ORDER_NOT_FOUND = -31050
    ORDER_NOT_PAYABLE = -31051
    ALREADY_SUBSCRIBED = -31052
    ORDER_BUSY = -31099


MESSAGES: dict[Code, dict[str, str]] = {
    Code.NOT_POST: {
        "uz": "Soʻrov POST usulida yuborilishi kerak",
        "ru": "Запрос должен быть отправлен методом POST",
        "en": "The request method must be POST",
    },
    Code.PARSE_ERROR: {
        "uz": "Soʻrov JSON sifatida oʻqilmadi",
        "ru": "Ошибка разбора JSON",
        "en": "The request is not valid JSON",
    },
    Code.INVALID_REQUEST: {
        "uz": "Soʻrovda kerakli maydonlar yoʻq yoki ularning turi notoʻgʻri",
        "ru": "В запросе нет обязательных полей или их тип неверен",
        "en": "Required fields are missing or have the wrong type",
    },
    Code.METHOD_NOT_FOUND: {
        "uz": "Bunday usul mavjud emas",
        "ru": "Запрашиваемый метод не найден",
        "en": "The method does not exist",
    },
    Code.UNAUTHORIZED: {
        "uz": "Bu amal uchun ruxsat yetarli emas",
        "ru": "Недостаточно привилегий для выполнения метода",
        "en": "Insufficient privileges to perform this method",
    },
    Code.SYSTEM_ERROR: {
        "uz": "Tizim xatosi",
        "ru": "Системная ошибка",
        "en": "System error",
    },
    Code.WRONG_AMOUNT: {
        "uz": "Notoʻgʻri summa",
        "ru": "Неверная сумма",
        "en": "Incorrect amount",
    },
    Code.TRANSACTION_NOT_FOUND: {
        "uz": "Tranzaksiya topilmadi",
        "ru": "Транзакция не найдена",
        "en": "Transaction not found",
    },
    Code.CANNOT_CANCEL: {
        "uz": "Tranzaksiyani bekor qilib boʻlmaydi: xizmatdan foydalanilgan",
        "ru": "Невозможно отменить транзакцию: услуга уже использована",
        "en": "The transaction cannot be cancelled: the service has been used",
    },
    Code.CANNOT_PERFORM: {
        "uz": "Bu amalni bajarib boʻlmaydi",
        "ru": "Невозможно выполнить данную операцию",
        "en": "This operation cannot be performed",
    },
    Code.ORDER_NOT_FOUND: {
        "uz": "Buyurtma topilmadi",
        "ru": "Заказ не найден",
        "en": "Order not found",
    },
    Code.ORDER_NOT_PAYABLE: {
        "uz": "Buyurtmani toʻlab boʻlmaydi: u toʻlangan, bekor qilingan yoki muddati oʻtgan",
        "ru": "Заказ нельзя оплатить: он уже оплачен, отменён или просрочен",
        "en": "The order cannot be paid: it is paid, cancelled or expired",
    },
    Code.ALREADY_SUBSCRIBED: {
        "uz": "Obuna allaqachon faol: qayta toʻlov olinmaydi",
        "ru": "Подписка уже активна: повторная оплата не принимается",
        "en": "The subscription is already active: it is not charged twice",
    },
    Code.ORDER_BUSY: {
        "uz": "Bu buyurtma uchun boshqa toʻlov amalga oshirilmoqda",
        "ru": "Для этого заказа уже выполняется другой платёж",
        "en": "Another payment for this order is in progress",
    },
}


class PaymeError(Exception):
    """An error answer. `keep_changes`: what was written before it stays (a transaction cancelled
    by the timeout stays cancelled even though the request is refused)."""

    def __init__(self, code: Code, data: str | None = None, *, keep_changes: bool = False) -> None:
        super().__init__(code.name)
        self.code = code
        self.data = data
        self.keep_changes = keep_changes


@dataclass(frozen=True, slots=True)
class RpcRequest:
    id: Any
    method: str
    params: dict[str, Any]


def result_body(request_id: Any, result: dict[str, Any]) -> dict[str, Any]:
    return {"jsonrpc": "2.0", "id": request_id, "result": result}


def error_body(request_id: Any, error: PaymeError) -> dict[str, Any]:
    body: dict[str, Any] = {"code": int(error.code), "message": MESSAGES[error.code]}
    if error.data is not None:
        body["data"] = error.data
    return {"jsonrpc": "2.0", "id": request_id, "result": None, "error": body}


def parse(payload: Any) -> RpcRequest:
    if not isinstance(payload, dict):
        raise PaymeError(Code.INVALID_REQUEST)
    method, params = payload.get("method"), payload.get("params")
    if "id" not in payload or not isinstance(method, str) or not isinstance(params, dict):
        raise PaymeError(Code.INVALID_REQUEST)
    return RpcRequest(payload["id"], method, params)


def integer(params: dict[str, Any], name: str, *, low: int = 0, high: int = 2**63 - 1) -> int:
    value = params.get(name)
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise PaymeError(Code.INVALID_REQUEST, name)
    return value


def text(params: dict[str, Any], name: str, *, max_length: int) -> str:
    value = params.get(name)
    if not isinstance(value, str) or not value or len(value) > max_length:
        raise PaymeError(Code.INVALID_REQUEST, name)
    if has_control_characters(value):  # a NUL never reaches the database
        raise PaymeError(Code.INVALID_REQUEST, name)
    return value


def amount(params: dict[str, Any]) -> int:
    value = params.get("amount")
    if isinstance(value, bool) or not isinstance(value, int):
        raise PaymeError(Code.INVALID_REQUEST, "amount")
    if value <= 0:
        raise PaymeError(Code.WRONG_AMOUNT)
    return value


def account_order(params: dict[str, Any]) -> str:
    account = params.get("account")
    if not isinstance(account, dict):
        raise PaymeError(Code.INVALID_REQUEST, "account")
    value = account.get(ACCOUNT_FIELD)
    if not isinstance(value, str | int) or isinstance(value, bool) or not str(value).strip():
        raise PaymeError(Code.ORDER_NOT_FOUND, ACCOUNT_FIELD)
    if has_control_characters(str(value)):
        raise PaymeError(Code.ORDER_NOT_FOUND, ACCOUNT_FIELD)
    return str(value).strip()
