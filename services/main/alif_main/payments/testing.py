"""Test clients that speak to our payment endpoints exactly as Payme's and Click's servers do,
and the plans and orders the payment tests buy. Test credentials only; nothing here reaches a
real provider."""

import base64
import hashlib
import itertools
import json
import secrets
import uuid
from datetime import datetime, timedelta, timezone
from typing import Any

import httpx
from sqlalchemy.ext.asyncio import AsyncSession

from alif.db import utcnow
from alif.subscriptions import Feature, PlanAudience, SubscriptionPlan
from alif_main.orders.checkout import soum

PAYME_MERCHANT_ID = "5e730e8e0b852a417aa49ceb"
PAYME_KEY = "test-payme-cash-desk-key-Zx81"
CLICK_SERVICE_ID = "28431"
CLICK_MERCHANT_ID = "19120"
CLICK_SECRET_KEY = "test-click-secret-Qw7Lp2"
PAYME_PATH = "/api/main/payments/payme"
CLICK_PREPARE = "/api/main/payments/click/prepare"
CLICK_COMPLETE = "/api/main/payments/click/complete"
TASHKENT = timezone(timedelta(hours=5))


def now_ms() -> int:
    return int(utcnow().timestamp() * 1000)


def payme_id() -> str:
    """Payme's transaction ids are 24 hex characters."""
    return secrets.token_hex(12)


class PaymeClient:
    """JSON-RPC 2.0 over POST, `Authorization: Basic base64("Paycom:<key>")`, named params."""

    def __init__(self, http: httpx.AsyncClient, key: str = PAYME_KEY) -> None:
        self.http = http
        self.key = key
        self._ids = itertools.count(1000)

    def authorization(self, key: str | None = None, login: str = "Paycom") -> str:
        credential = f"{login}:{self.key if key is None else key}".encode()
        return "Basic " + base64.b64encode(credential).decode()

    async def send(self, body: bytes, headers: dict[str, str]) -> dict[str, Any]:
        response = await self.http.post(PAYME_PATH, content=body, headers=headers)
        assert response.status_code == 200, "Payme reads any other status as -32400"
        answer: dict[str, Any] = response.json()
        return answer

    async def call(
        self, method: str, params: dict[str, Any], *, authorization: str | None = ""
    ) -> dict[str, Any]:
        headers = {"Content-Type": "application/json; charset=UTF-8"}
        header = self.authorization() if authorization == "" else authorization
        if header is not None:
            headers["Authorization"] = header
        body = {"jsonrpc": "2.0", "id": next(self._ids), "method": method, "params": params}
        return await self.send(json.dumps(body).encode(), headers)

    async def check_perform(self, order_id: object, amount: int) -> dict[str, Any]:
        return await self.call(
            "CheckPerformTransaction", {"amount": amount, "account": {"order_id": str(order_id)}}
        )

    async def create(
        self, transaction_id: str, order_id: object, amount: int, time: int | None = None
    ) -> dict[str, Any]:
        params = {
            "id": transaction_id,
            "time": time or now_ms(),
            "amount": amount,
            "account": {"order_id": str(order_id)},
        }
        return await self.call("CreateTransaction", params)

    async def perform(self, transaction_id: str) -> dict[str, Any]:
        return await self.call("PerformTransaction", {"id": transaction_id})

    async def cancel(self, transaction_id: str, reason: int = 5) -> dict[str, Any]:
        return await self.call("CancelTransaction", {"id": transaction_id, "reason": reason})

    async def check(self, transaction_id: str) -> dict[str, Any]:
        return await self.call("CheckTransaction", {"id": transaction_id})

    async def statement(self, start: int, end: int) -> dict[str, Any]:
        return await self.call("GetStatement", {"from": start, "to": end})

    async def change_password(self, password: str) -> dict[str, Any]:
        return await self.call("ChangePassword", {"password": password})

    async def pay(self, order_id: object, amount: int) -> str:
        """What Payme does when a parent pays: check, create, perform."""
        transaction = payme_id()
        for answer in (
            await self.check_perform(order_id, amount),
            await self.create(transaction, order_id, amount),
            await self.perform(transaction),
        ):
            assert "error" not in answer, answer
        return transaction


class ClickClient:
    """Form-encoded POSTs signed with md5 over the raw strings, as Click's servers send them."""

    def __init__(
        self,
        http: httpx.AsyncClient,
        service_id: str = CLICK_SERVICE_ID,
        secret_key: str = CLICK_SECRET_KEY,
    ) -> None:
        self.http = http
        self.service_id = service_id
        self.secret_key = secret_key
        # Click's ids are big integers; a random start keeps two test clients apart.
        self._ids = itertools.count(10**14 + secrets.randbelow(9 * 10**14))

    def new_trans_id(self) -> str:
        return str(next(self._ids))

    @staticmethod
    def sign_time(moment: datetime | None = None) -> str:
        return (moment or utcnow()).astimezone(TASHKENT).strftime("%Y-%m-%d %H:%M:%S")

    def sign(self, fields: dict[str, str], *, secret_key: str | None = None) -> str:
        parts = [
            fields["click_trans_id"],
            fields["service_id"],
            self.secret_key if secret_key is None else secret_key,
            fields["merchant_trans_id"],
        ]
        if fields["action"] == "1":
            parts.append(fields["merchant_prepare_id"])
        parts += [fields["amount"], fields["action"], fields["sign_time"]]
        return hashlib.md5("".join(parts).encode(), usedforsecurity=False).hexdigest()

    async def post(self, path: str, fields: dict[str, str]) -> dict[str, Any]:
        response = await self.http.post(path, data=fields)
        assert response.status_code == 200
        answer: dict[str, Any] = response.json()
        return answer

    def fields(
        self,
        click_trans_id: str,
        order_id: object,
        amount: str,
        *,
        action: str,
        error: int = 0,
        merchant_prepare_id: object = None,
        sign_time: str | None = None,
        secret_key: str | None = None,
    ) -> dict[str, str]:
        fields = {
            "click_trans_id": click_trans_id,
            "service_id": self.service_id,
            "click_paydoc_id": str(secrets.randbelow(10**10)),
            "merchant_trans_id": str(order_id),
            "amount": amount,
            "action": action,
            "error": str(error),
            "error_note": "Success" if error == 0 else "Payment failed",
            "sign_time": sign_time or self.sign_time(),
        }
        if merchant_prepare_id is not None:
            fields["merchant_prepare_id"] = str(merchant_prepare_id)
        fields["sign_string"] = self.sign(fields, secret_key=secret_key)
        return fields

    async def prepare(
        self, click_trans_id: str, order_id: object, amount: str, **options: Any
    ) -> dict[str, Any]:
        return await self.post(
            CLICK_PREPARE, self.fields(click_trans_id, order_id, amount, action="0", **options)
        )

    async def complete(
        self,
        click_trans_id: str,
        order_id: object,
        amount: str,
        merchant_prepare_id: object,
        **options: Any,
    ) -> dict[str, Any]:
        fields = self.fields(
            click_trans_id,
            order_id,
            amount,
            action="1",
            merchant_prepare_id=merchant_prepare_id,
            **options,
        )
        return await self.post(CLICK_COMPLETE, fields)

    async def pay(self, order_id: object, amount_tiyin: int) -> str:
        """What Click does when a parent pays: Prepare, take the money, Complete."""
        trans_id = self.new_trans_id()
        prepared = await self.prepare(trans_id, order_id, soum(amount_tiyin))
        assert prepared["error"] == 0, prepared
        completed = await self.complete(
            trans_id, order_id, soum(amount_tiyin), prepared["merchant_prepare_id"]
        )
        assert completed["error"] == 0, completed
        return trans_id


async def make_plan(
    db: AsyncSession,
    *,
    audience: PlanAudience = PlanAudience.family,
    price: int = 2_990_000,
    days: int = 30,
    seats: int = 3,
    features: list[str] | None = None,
    code: str | None = None,
) -> SubscriptionPlan:
    plan = SubscriptionPlan(
        code=code or f"plan_{uuid.uuid4().hex[:10]}",
        name="Oila — 1 oy",
        audience=audience,
        price=price,
        duration_days=days,
        features=features or [Feature.olimp, Feature.premium_courses],
        max_children=seats,
    )
    db.add(plan)
    await db.flush()
    return plan
