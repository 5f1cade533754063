"""The Telegram Bot API over httpx: send a message; the webhook's updates are parsed in main.

Plain HTTP rather than a bot framework: the bot only sends messages and reads one kind of update
(a link code), which is two JSON shapes (docs/decisions/0040-notifications.md).
"""

import httpx
import structlog

from alif.errors import ServiceUnavailable

logger = structlog.get_logger("alif.telegram")


class TelegramUnavailable(ServiceUnavailable):
    message = "We could not reach Telegram right now."


class ChatGone(Exception):
    """The user blocked the bot or deleted the chat: stop writing to it."""


class TelegramBot:
    def __init__(
        self,
        *,
        token: str,
        base_url: str = "https://api.telegram.org",
        timeout: float = 10.0,
        transport: httpx.AsyncBaseTransport | None = None,
    ) -> None:
        self._http = httpx.AsyncClient(
            base_url=f"{base_url.rstrip('/')}/bot{token}/",
            timeout=timeout,
            transport=transport or httpx.AsyncHTTPTransport(retries=2),
        )

    async def close(self) -> None:
        await self._http.aclose()

    async def send_message(self, chat_id: int, text: str) -> int:
        """Send `text` to `chat_id`; returns Telegram's message id."""
        try:
            response = await self._http.post(
                "sendMessage",
                json={"chat_id": chat_id, "text": text, "disable_web_page_preview": True},
            )
        except httpx.HTTPError as error:
            logger.error("telegram_unreachable", error=str(error))
            raise TelegramUnavailable() from error
        body = (
            response.json()
            if response.headers.get("content-type", "").startswith("application/json")
            else {}
        )
        if response.status_code == 403 or (
            response.status_code == 400 and "chat not found" in str(body.get("description", ""))
        ):
            raise ChatGone(str(body.get("description", "")))
        if response.status_code != 200 or not body.get("ok"):
            logger.error("telegram_send_failed", status=response.status_code)
            raise TelegramUnavailable()
        return int(body["result"]["message_id"])
