"""The sound of letters and words: a speech API when configured, else espeak-ng, made once by a
job, served from the cache after; an admin's recording wins; 503 when no voice works."""

from collections.abc import Callable, Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from fastapi import FastAPI
from httpx import AsyncClient
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from alif.db import utcnow
from alif.jobs import Job, Worker
from alif.kernel.models import Role
from alif.subscriptions.features import Feature
from alif.testing import LoginAs, serve_asgi, subscribe
from harf.config import HarfSettings
from harf.jobs import jobs
from harf.testing import TTS_KEY, FakeSpeechApi, duration, tone

LETTER_B = "/api/harf/alphabets/uz-Latn/letters/2/audio"  # free
LETTER_SH = "/api/harf/alphabets/uz-Latn/letters/27/audio"  # needs the plan


@pytest.fixture
def speech_api() -> Iterator[tuple[FakeSpeechApi, str]]:
    fake = FakeSpeechApi()
    with serve_asgi(fake.app()) as url:
        yield fake, f"{url}/v1"


@pytest.fixture
def offline(change_settings: Callable[..., HarfSettings], tmp_path: Path) -> HarfSettings:
    """espeak-ng only, with an empty audio folder."""
    return change_settings(tts_api_key="", data_dir=tmp_path)


async def run_jobs(app: FastAPI) -> int:
    worker = Worker(
        jobs, app.state.settings, app.state.db, clock=lambda: utcnow() + timedelta(seconds=1)
    )
    ran = 0
    while await worker.tick():
        ran += 1
    return ran


async def jobs_count(db: AsyncSession) -> int:
    return await db.scalar(select(func.count()).select_from(Job).where(Job.queue == "harf")) or 0


async def test_espeak_says_a_letter_once_and_the_cache_serves_it_after(
    client: AsyncClient, started_app: FastAPI, db_session: AsyncSession, offline: HarfSettings
) -> None:
    first = await client.get(LETTER_B, params={"word": 1})
    assert first.status_code == 503
    assert first.json()["error"]["code"] == "audio_pending"
    assert first.headers["retry-after"] == "2"
    again = await client.get(LETTER_B, params={"word": 1})  # asked twice, made once
    assert again.json()["error"]["code"] == "audio_pending"
    assert await jobs_count(db_session) == 1

    assert await run_jobs(started_app) == 1
    served = await client.get(LETTER_B, params={"word": 1})
    assert served.status_code == 200
    assert served.headers["content-type"] == "audio/wav"
    assert duration(served.content) > 0  # a playable file with real sound
    files = list((offline.data_dir / "harf" / "audio" / "generated").iterdir())
    assert len(files) == 1
    made_at = files[0].stat().st_mtime_ns

    cached = await client.get(LETTER_B, params={"word": 1})
    assert cached.status_code == 200
    assert cached.content == served.content
    assert files[0].stat().st_mtime_ns == made_at  # a cache hit: nothing was made again
    assert await jobs_count(db_session) == 1
    assert await run_jobs(started_app) == 0


async def test_cyrillic_and_latin_share_one_sound(
    client: AsyncClient, started_app: FastAPI, offline: HarfSettings
) -> None:
    assert (await client.get(LETTER_B, params={"word": 1})).status_code == 503  # baliq
    await run_jobs(started_app)
    cyrillic = await client.get("/api/harf/alphabets/uz-Cyrl/letters/2/audio", params={"word": 1})
    assert cyrillic.status_code == 200  # балиқ is said as baliq: already made


async def test_the_speech_api_is_preferred_and_espeak_takes_over_when_it_fails(
    client: AsyncClient,
    started_app: FastAPI,
    change_settings: Callable[..., HarfSettings],
    speech_api: tuple[FakeSpeechApi, str],
    tmp_path: Path,
) -> None:
    fake, url = speech_api
    change_settings(tts_api_key=TTS_KEY, tts_base_url=url, data_dir=tmp_path)
    await client.get(LETTER_B)
    await run_jobs(started_app)
    spoken = await client.get(LETTER_B)
    assert spoken.status_code == 200
    assert spoken.content == tone()
    assert fake.requests[0]["input"] == "be"
    assert fake.requests[0]["voice"] == "alloy"

    fake.failing = True
    await client.get(LETTER_B, params={"word": 2})
    await run_jobs(started_app)
    fallback = await client.get(LETTER_B, params={"word": 2})
    assert fallback.status_code == 200
    assert fallback.content != tone()
    assert duration(fallback.content) > 0
    assert fake.requests[-1]["input"] == "sabzi"


async def test_without_any_voice_the_app_is_told_to_read_it_itself(
    client: AsyncClient, change_settings: Callable[..., HarfSettings], tmp_path: Path
) -> None:
    change_settings(tts_api_key="", espeak_binary="", data_dir=tmp_path)
    response = await client.get(LETTER_B)
    assert response.status_code == 503
    assert response.json()["error"]["code"] == "audio_unavailable"


async def test_an_admins_recording_wins_over_the_generated_sound(
    login_as: LoginAs, client: AsyncClient, started_app: FastAPI, offline: HarfSettings
) -> None:
    await client.get(LETTER_B)
    await run_jobs(started_app)
    generated = (await client.get(LETTER_B)).content

    admin = await login_as(Role.admin)
    recording = tone(0.5)
    saved = await admin.put("/api/harf/recordings/uz-Latn/2", content=recording)
    assert saved.status_code == 200
    assert saved.json() == {"text": "be", "language": "uz", "media_type": "audio/wav"}
    served = await client.get(LETTER_B)
    assert served.content == recording != generated


async def test_only_an_admin_uploads_and_only_sound(login_as: LoginAs) -> None:
    parent = await login_as(Role.parent)
    refused = await parent.put("/api/harf/recordings/uz-Latn/2", content=tone())
    assert refused.status_code == 403
    admin = await login_as(Role.admin)
    not_audio = await admin.put("/api/harf/recordings/uz-Latn/2", content=b"<html>" * 20)
    assert not_audio.status_code == 422
    assert not_audio.json()["error"]["code"] == "recording_not_audio"
    no_word = await admin.put("/api/harf/recordings/uz-Latn/2?word=9", content=tone())
    assert no_word.json()["error"]["code"] == "word_not_found"


async def test_the_letters_after_the_free_ones_need_the_plan(
    client: AsyncClient,
    login_as: LoginAs,
    db_session: AsyncSession,
    offline: HarfSettings,
) -> None:
    assert (await client.get(LETTER_SH)).status_code == 401
    child = await login_as(Role.student)
    refused = await child.get(LETTER_SH)
    assert refused.status_code == 403
    assert refused.json()["error"]["code"] == "feature_not_included"

    await subscribe(db_session, child.user, Feature.harf_audio)
    assert (await child.get(LETTER_SH)).json()["error"]["code"] == "audio_pending"
