"""Where one-time codes go: SMS (Eskiz) for phones, e-mail (SMTP) for addresses.

The console senders are for development only: they write the code to the log, which is how a
developer reads it. Production settings refuse them.
"""

from email.message import EmailMessage
from typing import Protocol

import aiosmtplib
import structlog

from alif.errors import ServiceUnavailable
from alif.eskiz import EskizClient
from alif_main.config import MainSettings
from alif_main.identifiers import is_phone

logger = structlog.get_logger("alif_main.verification")


class EmailUnavailable(ServiceUnavailable):
    message = "We could not send the e-mail right now. Please try again in a minute."


class Sender(Protocol):
    async def send(self, recipient: str, code: str) -> None: ...


class ConsoleSender:
    def __init__(self, channel: str) -> None:
        self._channel = channel

    async def send(self, recipient: str, code: str) -> None:
        logger.warning("development_code", channel=self._channel, to=recipient, code=code)


class EskizSender:
    def __init__(self, client: EskizClient, template: str) -> None:
        self._client = client
        self._template = template

    async def send(self, recipient: str, code: str) -> None:
        await self._client.send_sms(recipient, self._template.format(code=code))


class SmtpSender:
    def __init__(self, settings: MainSettings) -> None:
        self._settings = settings

    async def send(self, recipient: str, code: str) -> None:
        message = EmailMessage()
        message["From"] = self._settings.smtp_from
        message["To"] = recipient
        message["Subject"] = f"ALIF24: {code}"
        message.set_content(
            f"Tasdiqlash kodi: {code}\n\nKod 3 daqiqa amal qiladi. Uni hech kimga bermang.\n\n"
            f"Код подтверждения: {code}\nYour verification code: {code}\n"
        )
        try:
            await aiosmtplib.send(
                message,
                hostname=self._settings.smtp_host,
                port=self._settings.smtp_port,
                username=self._settings.smtp_username or None,
                password=self._settings.smtp_password or None,
                start_tls=self._settings.smtp_starttls,
                timeout=10,
            )
        except (aiosmtplib.SMTPException, OSError) as error:
            logger.error("smtp_send_failed", error=str(error))
            raise EmailUnavailable() from error


class CodeDelivery:
    """Sends a code by the channel the identifier calls for."""

    def __init__(self, sms: Sender, email: Sender) -> None:
        self._sms = sms
        self._email = email

    async def send(self, identifier: str, code: str) -> None:
        await (self._sms if is_phone(identifier) else self._email).send(identifier, code)


def build_delivery(settings: MainSettings) -> tuple[CodeDelivery, EskizClient | None]:
    eskiz = None
    sms: Sender = ConsoleSender("sms")
    if settings.sms_sender == "eskiz":
        eskiz = EskizClient(
            base_url=settings.eskiz_base_url,
            email=settings.eskiz_email,
            password=settings.eskiz_password,
            sender=settings.eskiz_sender,
        )
        sms = EskizSender(eskiz, settings.eskiz_code_template)
    email: Sender = (
        SmtpSender(settings) if settings.email_sender == "smtp" else ConsoleSender("email")
    )
    return CodeDelivery(sms, email), eskiz
