"""Local servers that speak Eskiz's and Telegram's protocols, for tests (with `serve_asgi`)."""

import asyncio
from dataclasses import dataclass, field
from typing import Any

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

ESKIZ_EMAIL = "ops@alif24.uz"
ESKIZ_PASSWORD = "eskiz-secret"


@dataclass
class FakeEskiz:
    password: str = ESKIZ_PASSWORD
    tokens_issued: int = 0
    expire_next_token: bool = False
    down: bool = False
    delay: float = 0.0  # seconds before answering a send: a slow provider
    sent: list[dict[str, str]] = field(default_factory=list)

    def app(self) -> Starlette:
        async def login(request: Request) -> JSONResponse:
            form = await request.form()
            if form.get("email") != ESKIZ_EMAIL or form.get("password") != self.password:
                return JSONResponse({"message": "Invalid credentials"}, status_code=401)
            self.tokens_issued += 1
            return JSONResponse(
                {"message": "token_generated", "data": {"token": f"token-{self.tokens_issued}"}}
            )

        async def send(request: Request) -> JSONResponse:
            await asyncio.sleep(self.delay)
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


@dataclass
class FakeTelegram:
    """The Bot API's sendMessage for one bot token; `blocked` chats answer 403 as Telegram does."""

    token: str
    blocked: set[int] = field(default_factory=set)
    sent: list[dict[str, Any]] = field(default_factory=list)

    def app(self) -> Starlette:
        async def send_message(request: Request) -> JSONResponse:
            if request.path_params["token"] != self.token:
                return JSONResponse(
                    {"ok": False, "error_code": 401, "description": "Unauthorized"}, status_code=401
                )
            body = await request.json()
            if body["chat_id"] in self.blocked:
                return JSONResponse(
                    {
                        "ok": False,
                        "error_code": 403,
                        "description": "Forbidden: bot was blocked by the user",
                    },
                    status_code=403,
                )
            self.sent.append(body)
            return JSONResponse(
                {
                    "ok": True,
                    "result": {"message_id": len(self.sent), "chat": {"id": body["chat_id"]}},
                }
            )

        return Starlette(routes=[Route("/bot{token}/sendMessage", send_message, methods=["POST"])])
