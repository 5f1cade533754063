"""Eskiz.uz SMS client (https://notify.eskiz.uz/api).

Eskiz authenticates with a bearer JWT obtained from `POST /auth/login` (form fields `email`,
`password`); the client logs in lazily, keeps the token, and logs in again once when Eskiz answers
401. Texts must match a template approved by Eskiz exactly.
"""

import anyio
import httpx
import structlog

from alif.errors import ServiceUnavailable

logger = structlog.get_logger("alif.eskiz")


class SmsUnavailable(ServiceUnavailable):
    message = "We could not send the SMS right now. Please try again in a minute."


class EskizClient:
    def __init__(
        self,
        *,
        base_url: str,
        email: str,
        password: str,
        sender: str,
        timeout: float = 10.0,
        transport: httpx.AsyncBaseTransport | None = None,
    ) -> None:
        self._email = email
        self._password = password
        self._sender = sender
        self._token: str | None = None
        self._login_lock = anyio.Lock()
        self._http = httpx.AsyncClient(
            base_url=base_url.rstrip("/") + "/",
            timeout=timeout,
            transport=transport or httpx.AsyncHTTPTransport(retries=2),
        )

    async def close(self) -> None:
        await self._http.aclose()

    async def _login(self) -> str:
        async with self._login_lock:
            response = await self._http.post(
                "auth/login", data={"email": self._email, "password": self._password}
            )
            if response.status_code != 200:
                logger.error("eskiz_login_failed", status=response.status_code)
                raise SmsUnavailable()
            token = response.json().get("data", {}).get("token")
            if not isinstance(token, str) or not token:
                raise SmsUnavailable()
            self._token = token
            return token

    async def send_sms(self, phone: str, text: str, *, callback_url: str | None = None) -> str:
        """Send one SMS to `+998XXXXXXXXX`; returns Eskiz's message id.

        With `callback_url`, Eskiz posts the delivery status there (alif.notifications).
        """
        form = {"mobile_phone": phone.lstrip("+"), "message": text, "from": self._sender}
        if callback_url:
            form["callback_url"] = callback_url
        try:
            token = self._token or await self._login()
            response = await self._http.post(
                "message/sms/send", data=form, headers={"Authorization": f"Bearer {token}"}
            )
            if response.status_code == 401:
                token = await self._login()
                response = await self._http.post(
                    "message/sms/send", data=form, headers={"Authorization": f"Bearer {token}"}
                )
        except httpx.HTTPError as error:
            logger.error("eskiz_unreachable", error=str(error))
            raise SmsUnavailable() from error
        if response.status_code != 200:
            logger.error("eskiz_send_failed", status=response.status_code, body=response.text[:200])
            raise SmsUnavailable()
        message_id = str(response.json().get("id", ""))
        logger.info("sms_sent", provider="eskiz", message_id=message_id)
        return message_id
