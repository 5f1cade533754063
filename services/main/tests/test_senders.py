"""Codes reach people: e-mail through a real SMTP conversation, SMS through the Eskiz client."""

import socket
from collections.abc import Iterator
from email import message_from_bytes

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import Envelope

from alif_main.config import MainSettings
from alif_main.verification.senders import (
    CodeDelivery,
    ConsoleSender,
    EmailUnavailable,
    SmtpSender,
    build_delivery,
)


class Mailbox:
    def __init__(self) -> None:
        self.messages: list[Envelope] = []

    async def handle_DATA(self, server: object, session: object, envelope: Envelope) -> str:
        self.messages.append(envelope)
        return "250 OK"


@pytest.fixture
def smtp_server() -> Iterator[tuple[Mailbox, int]]:
    mailbox = Mailbox()
    # aiosmtpd connects to its own port to see it started, so it needs a concrete one.
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    controller = Controller(mailbox, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        yield mailbox, port
    finally:
        controller.stop()


def _settings(port: int) -> MainSettings:
    return MainSettings(
        _env_file=None,
        email_sender="smtp",
        smtp_host="127.0.0.1",
        smtp_port=port,
        smtp_starttls=False,
    )


async def test_an_email_code_is_delivered_over_smtp(smtp_server: tuple[Mailbox, int]) -> None:
    mailbox, port = smtp_server
    delivery, eskiz = build_delivery(_settings(port))
    assert eskiz is None
    await delivery.send("ota@oila.uz", "482913")
    assert len(mailbox.messages) == 1
    envelope = mailbox.messages[0]
    assert envelope.rcpt_tos == ["ota@oila.uz"]
    message = message_from_bytes(envelope.content)  # type: ignore[arg-type]
    assert "482913" in message["Subject"]
    assert "482913" in message.get_payload(decode=True).decode()


async def test_an_unreachable_mail_server_is_reported_not_swallowed() -> None:
    sender = SmtpSender(_settings(9))  # nothing listens on the discard port
    with pytest.raises(EmailUnavailable):
        await sender.send("ota@oila.uz", "482913")


async def test_phones_and_emails_go_to_their_own_channel() -> None:
    sms, email = [], []

    class Recorder:
        def __init__(self, into: list[str]) -> None:
            self.into = into

        async def send(self, recipient: str, code: str) -> None:
            self.into.append(recipient)

    delivery = CodeDelivery(Recorder(sms), Recorder(email))
    await delivery.send("+998901234567", "111111")
    await delivery.send("ona@oila.uz", "222222")
    assert (sms, email) == (["+998901234567"], ["ona@oila.uz"])


def test_development_uses_the_console_senders() -> None:
    delivery, eskiz = build_delivery(MainSettings(_env_file=None))
    assert eskiz is None
    assert isinstance(delivery._sms, ConsoleSender)
    assert isinstance(delivery._email, ConsoleSender)
