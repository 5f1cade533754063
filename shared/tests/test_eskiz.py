"""The Eskiz client against a local server that speaks Eskiz's protocol."""

from collections.abc import Iterator

import pytest

from alif.eskiz import EskizClient, SmsUnavailable
from alif.notifications.testing import FakeEskiz
from alif.testing import serve_asgi


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


async def test_a_slow_eskiz_is_given_up_on_at_the_timeout_and_nothing_stays_stuck(
    eskiz: tuple[FakeEskiz, str],
) -> None:
    """Issue 21 §3: the request (or the job, which retries with backoff) gets SmsUnavailable
    instead of waiting on the provider; once it answers in time again, the same client sends."""
    fake, url = eskiz
    client = EskizClient(
        base_url=url, email="ops@alif24.uz", password="eskiz-secret", sender="4546", timeout=0.3
    )
    fake.delay = 3.0
    with pytest.raises(SmsUnavailable):
        await client.send_sms("+998901234567", "slow")
    fake.delay = 0.0
    assert await client.send_sms("+998901234567", "on time")
    await client.close()
    assert "on time" in [m["message"] for m in fake.sent]
