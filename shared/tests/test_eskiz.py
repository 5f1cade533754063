"""The Eskiz client against a local server that speaks Eskiz's protocol."""

from collections.abc import Iterator
from dataclasses import dataclass, field

import pytest
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from alif.eskiz import EskizClient, SmsUnavailable
from alif.testing import serve_asgi


@dataclass
class FakeEskiz:
    password: str = "eskiz-secret"
    tokens_issued: int = 0
    expire_next_token: bool = False
    down: bool = False
    sent: list[dict[str, str]] = field(default_factory=list)

    def app(self) -> Starlette:
        async def login(request: Request) -> JSONResponse:
            form = await request.form()
            if form.get("email") != "ops@alif24.uz" or form.get("password") != self.password:
                return JSONResponse({"message": "Invalid credentials"}, status_code=401)
            self.tokens_issued += 1
            return JSONResponse(
                {"message": "token_generated", "data": {"token": f"token-{self.tokens_issued}"}}
            )

        async def send(request: Request) -> JSONResponse:
            if self.down:
                return JSONResponse({"message": "Server error"}, status_code=500)
            expected = f"Bearer token-{self.tokens_issued}"
            if self.expire_next_token or request.headers.get("authorization") != expected:
                self.expire_next_token = False
                return JSONResponse({"message": "Expired"}, status_code=401)
            form = await request.form()
            self.sent.append({k: str(v) for k, v in form.items()})
            return JSONResponse(
                {
                    "id": f"msg-{len(self.sent)}",
                    "message": "Waiting for SMS provider",
                    "status": "waiting",
                }
            )

        return Starlette(
            routes=[
                Route("/api/auth/login", login, methods=["POST"]),
                Route("/api/message/sms/send", send, methods=["POST"]),
            ]
        )


@pytest.fixture
def eskiz() -> Iterator[tuple[FakeEskiz, str]]:
    fake = FakeEskiz()
    with serve_asgi(fake.app()) as url:
        yield fake, f"{url}/api"


def _client(base_url: str, password: str = "eskiz-secret") -> EskizClient:
    return EskizClient(base_url=base_url, email="ops@alif24.uz", password=password, sender="4546")


async def test_an_sms_is_sent_with_eskiz_fields(eskiz: tuple[FakeEskiz, str]) -> None:
    fake, url = eskiz
    client = _client(url)
    message_id = await client.send_sms("+998901234567", "ALIF24: tasdiqlash kodi 123456")
    await client.close()
    assert message_id == "msg-1"
    assert fake.sent == [
        {
            "mobile_phone": "998901234567",
            "message": "ALIF24: tasdiqlash kodi 123456",
            "from": "4546",
        }
    ]


async def test_the_token_is_reused_and_renewed_once_when_it_expires(
    eskiz: tuple[FakeEskiz, str],
) -> None:
    fake, url = eskiz
    client = _client(url)
    await client.send_sms("+998901234567", "one")
    await client.send_sms("+998901234567", "two")
    assert fake.tokens_issued == 1
    fake.expire_next_token = True
    await client.send_sms("+998901234567", "three")
    await client.close()
    assert fake.tokens_issued == 2
    assert [m["message"] for m in fake.sent] == ["one", "two", "three"]


async def test_wrong_credentials_or_an_outage_say_sms_is_unavailable(
    eskiz: tuple[FakeEskiz, str],
) -> None:
    fake, url = eskiz
    with pytest.raises(SmsUnavailable):
        await _client(url, password="wrong").send_sms("+998901234567", "x")
    fake.down = True
    with pytest.raises(SmsUnavailable):
        await _client(url).send_sms("+998901234567", "x")


async def test_an_unreachable_server_says_sms_is_unavailable() -> None:
    client = _client("http://127.0.0.1:9")  # the discard port: nothing listens
    with pytest.raises(SmsUnavailable):
        await client.send_sms("+998901234567", "x")
