"""Notifications: in the app, by SMS through Eskiz (quiet hours, the daily cap, delivery
reports) and by Telegram (linking with a one-time code, sending), against local servers that
speak both protocols."""

import uuid
from collections.abc import AsyncIterator, Callable, Iterator
from datetime import UTC, datetime, time, timedelta

import pytest
from fastapi import FastAPI
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from alif.auth import Role
from alif.eskiz import EskizClient
from alif.jobs import Job, JobStatus, Worker
from alif.kernel.models import Language
from alif.notifications import service
from alif.notifications.messages import Channel, Kind
from alif.notifications.models import SmsMessage, SmsStatus, TelegramLink
from alif.notifications.sending import Channels, SmsChannel
from alif.notifications.telegram import TelegramBot
from alif.notifications.testing import ESKIZ_EMAIL, ESKIZ_PASSWORD, FakeEskiz, FakeTelegram
from alif.testing import LoginAs, make_user, serve_asgi
from alif_main.config import MainSettings
from alif_main.jobs.registry import jobs

BOT_TOKEN = "123456:test-bot-token"
WEBHOOK_SECRET = "webhook-secret-for-tests"
TELEGRAM = {
    "telegram_bot_token": BOT_TOKEN,
    "telegram_bot_username": "alif24_test_bot",
    "telegram_webhook_secret": WEBHOOK_SECRET,
}
# The workers' clocks are ahead of the jobs (enqueued now): 1 June 2099 in Tashkent, 10:00 is
# daytime and 22:00 in the quiet hours.
MORNING = datetime(2099, 6, 1, 5, 0, tzinfo=UTC)
NIGHT = datetime(2099, 6, 1, 17, 0, tzinfo=UTC)
NEWS = {"child": "Aziza", "text": "Testni 95% bilan topshirdi"}


@pytest.fixture
def eskiz() -> Iterator[tuple[FakeEskiz, str]]:
    fake = FakeEskiz()
    with serve_asgi(fake.app()) as url:
        yield fake, f"{url}/api"


@pytest.fixture
def telegram() -> Iterator[tuple[FakeTelegram, str]]:
    fake = FakeTelegram(BOT_TOKEN)
    with serve_asgi(fake.app()) as url:
        yield fake, url


class Clock:
    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
async def make_worker(
    started_app: FastAPI,
    db_session: AsyncSession,
    eskiz: tuple[FakeEskiz, str],
    telegram: tuple[FakeTelegram, str],
) -> AsyncIterator[Callable[..., Worker]]:
    clients: list[EskizClient | TelegramBot] = []

    def build(now: datetime, *, daily_cap: int = 3, sms: bool = True) -> Worker:
        client = EskizClient(
            base_url=eskiz[1], email=ESKIZ_EMAIL, password=ESKIZ_PASSWORD, sender="4546"
        )
        bot = TelegramBot(token=BOT_TOKEN, base_url=telegram[1])
        clients.extend([client, bot])
        channel = SmsChannel(
            client, daily_cap, time(21), time(8), "https://alif24.test/sms?secret=s"
        )
        channels = Channels(sms=channel if sms else None, telegram=bot)
        return Worker(
            jobs,
            started_app.state.settings,
            started_app.state.db,
            resources=channels,
            clock=Clock(now),
        )

    yield build
    for opened in clients:
        await opened.close()


async def run_jobs(worker: Worker) -> None:
    while await worker.tick():
        pass


async def test_in_app_notifications_list_count_and_read_marks(
    login_as: LoginAs, db_session: AsyncSession
) -> None:
    parent = await login_as(Role.parent, language=Language.en)
    stranger = await login_as(Role.parent)
    first = await service.notify(db_session, parent.user, Kind.child_news, NEWS, key="news-1")
    assert first is not None
    assert (
        await service.notify(db_session, parent.user, Kind.child_news, NEWS, key="news-1") is None
    )
    await service.notify(db_session, parent.user, Kind.child_news, NEWS, key="news-2")
    theirs = await service.notify(db_session, stranger.user, Kind.child_news, NEWS, key="news-3")
    assert theirs is not None

    listed = (await parent.get("/api/main/notifications")).json()
    assert (listed["total"], listed["unread"]) == (2, 2)
    assert listed["items"][0]["title"] == "Aziza"
    assert listed["items"][0]["body"] == NEWS["text"]

    # Someone else's id is ignored: a user marks only their own.
    answer = await parent.post(
        "/api/main/notifications/read", json={"ids": [str(first.id), str(theirs.id)]}
    )
    assert answer.json() == {"unread": 1}
    assert (await stranger.get("/api/main/notifications")).json()["unread"] == 1
    assert (await parent.post("/api/main/notifications/read", json={})).json() == {"unread": 0}
    unread = (await parent.get("/api/main/notifications", params={"unread": True})).json()
    assert unread["items"] == []


async def test_a_channel_not_configured_says_so(login_as: LoginAs) -> None:
    parent = await login_as(Role.parent)
    channels = (await parent.get("/api/main/notifications/channels")).json()
    assert channels["sms"] == {"configured": False, "ready": True}
    assert channels["telegram"] == {"configured": False, "ready": False}
    sms = await parent.put(
        "/api/main/notifications/preferences/child_news", json={"channels": ["sms"]}
    )
    assert (sms.status_code, sms.json()["error"]["code"]) == (503, "sms_not_configured")
    tg = await parent.post("/api/main/notifications/telegram/link")
    assert (tg.status_code, tg.json()["error"]["code"]) == (503, "telegram_not_configured")


async def test_preferences_per_kind(
    login_as: LoginAs, change_settings: Callable[..., MainSettings], db_session: AsyncSession
) -> None:
    change_settings(sms_sender="eskiz", **TELEGRAM)
    parent = await login_as(Role.parent)
    defaults = {
        p["kind"]: p["channels"]
        for p in (await parent.get("/api/main/notifications/preferences")).json()
    }
    # Telegram is set up but this account has no linked chat: no default ticks it.
    assert defaults == {"weekly_report": [], "child_news": []}

    chosen = await parent.put(
        "/api/main/notifications/preferences/child_news", json={"channels": ["sms"]}
    )
    assert chosen.json() == {"kind": "child_news", "channels": ["sms"]}
    unlinked = await parent.put(
        "/api/main/notifications/preferences/weekly_report", json={"channels": ["telegram"]}
    )
    assert unlinked.json()["error"]["code"] == "telegram_not_linked"
    unknown = await parent.put("/api/main/notifications/preferences/gossip", json={"channels": []})
    assert unknown.status_code == 422
    after = {
        p["kind"]: p["channels"]
        for p in (await parent.get("/api/main/notifications/preferences")).json()
    }
    assert after == {"weekly_report": [], "child_news": ["sms"]}
    # Once the chat is linked, the weekly report's default (Telegram) applies.
    db_session.add(TelegramLink(user_id=parent.user.id, chat_id=4242))
    await db_session.commit()
    linked = {
        p["kind"]: p["channels"]
        for p in (await parent.get("/api/main/notifications/preferences")).json()
    }
    assert linked == {"weekly_report": ["telegram"], "child_news": ["sms"]}


async def test_no_default_names_a_channel_that_is_not_set_up(login_as: LoginAs) -> None:
    parent = await login_as(Role.parent)  # neither SMS nor Telegram configured
    defaults = {
        p["kind"]: p["channels"]
        for p in (await parent.get("/api/main/notifications/preferences")).json()
    }
    assert defaults == {"weekly_report": [], "child_news": []}


async def test_a_parent_links_telegram_with_a_code_and_receives_messages(
    login_as: LoginAs,
    client: object,
    db_session: AsyncSession,
    change_settings: Callable[..., MainSettings],
    make_worker: Callable[..., Worker],
    telegram: tuple[FakeTelegram, str],
) -> None:
    change_settings(**TELEGRAM)
    parent = await login_as(Role.parent, language=Language.ru)
    link = (await parent.post("/api/main/notifications/telegram/link")).json()
    assert link["url"] == f"https://t.me/alif24_test_bot?start={link['code']}"

    def update(text: str, chat_id: int = 777) -> dict[str, object]:
        return {
            "update_id": 1,
            "message": {"message_id": 5, "chat": {"id": chat_id, "type": "private"}, "text": text},
        }

    webhook = "/api/main/notifications/telegram/webhook"
    forged = await parent.client.post(
        webhook,
        json=update(f"/start {link['code']}"),
        headers={"X-Telegram-Bot-Api-Secret-Token": "guess"},
    )
    assert forged.status_code == 403
    headers = {"X-Telegram-Bot-Api-Secret-Token": WEBHOOK_SECRET}
    linked = await parent.client.post(
        webhook, json=update(f"/start {link['code']}"), headers=headers
    )
    assert linked.json() == {
        "method": "sendMessage",
        "chat_id": 777,
        "text": "Готово! Сообщения ALIF24 будут приходить сюда.",
    }
    replayed = await parent.client.post(
        webhook, json=update(link["code"], chat_id=999), headers=headers
    )
    assert "Kod noto‘g‘ri" in replayed.json()["text"]
    assert (await db_session.get(TelegramLink, parent.id)).chat_id == 777  # type: ignore[union-attr]
    assert (await parent.get("/api/main/notifications/channels")).json()["telegram"][
        "ready"
    ] is True

    await service.notify(
        db_session,
        parent.user,
        Kind.weekly_report,
        {
            "child": "Aziza",
            "week": "30.11–06.12",
            "tests": 2,
            "score": "90%",
            "games": 4,
            "earned": 50,
            "spent": 20,
        },
        key="report-1",
    )
    await run_jobs(make_worker(MORNING))
    fake, _ = telegram
    assert fake.sent == [
        {
            "chat_id": 777,
            "text": "Aziza: отчёт за неделю\n\n30.11–06.12. Тесты: 2 (в среднем 90%). "
            "Игры: 4. Монеты: +50, потрачено 20.",
            "disable_web_page_preview": True,
        }
    ]

    # A parent who blocks the bot is unlinked instead of retried forever.
    fake.blocked.add(777)
    await service.notify(
        db_session,
        parent.user,
        Kind.weekly_report,
        {
            "child": "Aziza",
            "week": "w",
            "tests": 0,
            "score": "-",
            "games": 0,
            "earned": 0,
            "spent": 0,
        },
        key="report-2",
    )
    await run_jobs(make_worker(MORNING))
    assert await db_session.get(TelegramLink, parent.id) is None


async def sms_rows(db_session: AsyncSession, phone: str) -> list[SmsMessage]:
    rows = await db_session.scalars(
        select(SmsMessage).where(SmsMessage.phone == phone).order_by(SmsMessage.created_at)
    )
    return list(rows)


async def sms_parent(db_session: AsyncSession):  # type: ignore[no-untyped-def]
    parent = await make_user(db_session, role=Role.parent)
    await service.set_preference(db_session, parent.id, Kind.child_news, [Channel.sms])
    return parent


async def test_sms_waits_for_the_end_of_the_quiet_hours(
    db_session: AsyncSession, make_worker: Callable[..., Worker], eskiz: tuple[FakeEskiz, str]
) -> None:
    parent = await sms_parent(db_session)
    await service.notify(db_session, parent, Kind.child_news, NEWS, key=f"n-{uuid.uuid4()}")
    await run_jobs(make_worker(NIGHT))
    fake, _ = eskiz
    assert fake.sent == []
    [sms] = await sms_rows(db_session, parent.phone)
    assert sms.status is SmsStatus.queued

    await run_jobs(make_worker(datetime(2099, 6, 2, 2, 59, tzinfo=UTC)))  # 07:59 Tashkent
    assert fake.sent == []
    await run_jobs(make_worker(datetime(2099, 6, 2, 3, 0, tzinfo=UTC)))  # 08:00 Tashkent
    assert [m["message"] for m in fake.sent] == ["ALIF24: Aziza: Testni 95% bilan topshirdi"]
    assert fake.sent[0]["callback_url"] == "https://alif24.test/sms?secret=s"
    await db_session.refresh(sms)
    assert (sms.status, sms.provider_id) == (SmsStatus.sent, "msg-1")


async def test_the_daily_cap_per_phone_skips_the_extra_sms(
    db_session: AsyncSession, make_worker: Callable[..., Worker], eskiz: tuple[FakeEskiz, str]
) -> None:
    parent = await sms_parent(db_session)
    for _ in range(3):
        await service.notify(db_session, parent, Kind.child_news, NEWS, key=f"n-{uuid.uuid4()}")
    await run_jobs(make_worker(MORNING, daily_cap=2))
    statuses = [(s.status, s.skip_reason) for s in await sms_rows(db_session, parent.phone)]
    assert sorted(statuses, key=str) == sorted(
        [(SmsStatus.sent, None), (SmsStatus.sent, None), (SmsStatus.skipped, "daily_cap")], key=str
    )
    assert len(eskiz[0].sent) == 2


async def test_without_eskiz_the_sms_is_recorded_as_not_configured(
    db_session: AsyncSession, make_worker: Callable[..., Worker]
) -> None:
    parent = await sms_parent(db_session)
    await service.notify(db_session, parent, Kind.child_news, NEWS, key=f"n-{uuid.uuid4()}")
    await run_jobs(make_worker(MORNING, sms=False))
    [sms] = await sms_rows(db_session, parent.phone)
    assert (sms.status, sms.skip_reason) == (SmsStatus.skipped, "sms_not_configured")


async def test_an_sms_that_eskiz_refuses_is_retried_then_shown_to_staff(
    db_session: AsyncSession,
    login_as: LoginAs,
    make_worker: Callable[..., Worker],
    eskiz: tuple[FakeEskiz, str],
) -> None:
    fake, _ = eskiz
    fake.down = True
    parent = await sms_parent(db_session)
    key = f"n-{uuid.uuid4()}"
    await service.notify(db_session, parent, Kind.child_news, NEWS, key=key)
    now = MORNING
    for _ in range(5):
        await run_jobs(make_worker(now))
        now += timedelta(hours=2)  # the backoff is at most an hour
    job = await db_session.scalar(select(Job).where(Job.idempotency_key == f"sms:{key}"))
    assert job is not None
    await db_session.refresh(job)
    assert (job.status, job.attempts) == (JobStatus.failed, 5)

    staff = await login_as(Role.admin)
    failed = (await staff.get("/api/main/jobs", params={"status": "failed"})).json()["items"]
    assert str(job.id) in [j["id"] for j in failed]
    fake.down = False
    assert (await staff.post(f"/api/main/jobs/{job.id}/retry")).status_code == 200
    await run_jobs(make_worker(now))
    [sms] = await sms_rows(db_session, parent.phone)
    assert sms.status is SmsStatus.sent
    assert len(fake.sent) == 1


async def test_eskiz_reports_delivery_with_its_secret(
    db_session: AsyncSession,
    login_as: LoginAs,
    change_settings: Callable[..., MainSettings],
    make_worker: Callable[..., Worker],
) -> None:
    change_settings(eskiz_callback_secret="callback-secret")
    anyone = await login_as(Role.parent)
    parent = await sms_parent(db_session)
    await service.notify(db_session, parent, Kind.child_news, NEWS, key=f"n-{uuid.uuid4()}")
    await run_jobs(make_worker(MORNING))
    [sms] = await sms_rows(db_session, parent.phone)
    url = "/api/main/notifications/sms/status"
    report = {"request_id": sms.provider_id, "status": "DELIVRD"}
    for guess in ("guess", "секрет"):
        forged = await anyone.client.post(url, params={"secret": guess}, json=report)
        assert forged.status_code == 403
    answer = await anyone.client.post(url, params={"secret": "callback-secret"}, json=report)
    assert answer.json() == {"recorded": True}
    await db_session.refresh(sms)
    assert (sms.status, sms.provider_status) == (SmsStatus.delivered, "DELIVRD")
