"""The sound of letters and words: a speech API when configured, else espeak-ng, made once by a
job and kept as MP3 in the storage (the data folder behind the gateway, or a bucket); served from
there after; a letter said as its name or as its sound; an admin's recording wins; 503 when no
voice works."""

import io
import wave
from collections.abc import Callable, Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import httpx
import pytest
from fastapi import FastAPI
from httpx import AsyncClient
from mutagen.mp3 import MP3, HeaderNotFoundError
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from alif.db import utcnow
from alif.jobs import Job, Worker
from alif.kernel.models import Role
from alif.speech import Espeak, to_mp3
from alif.subscriptions.features import Feature
from alif.testing import LoginAs, s3_server, serve_asgi, subscribe
from harf.alphabets import service as alphabets
from harf.alphabets.schemas import AlphabetCode, LetterKind
from harf.audio.models import AudioFile
from harf.audio.service import Saying, speech_of
from harf.config import HarfSettings
from harf.jobs import jobs
from harf.testing import TTS_KEY, FakeSpeechApi, tone

LETTER_B = "/api/harf/alphabets/uz-Latn/letters/2/audio"  # free
LETTER_SH = "/api/harf/alphabets/uz-Latn/letters/27/audio"  # needs the plan
BUCKET = "alif-test-harf"


def mp3_seconds(content: bytes) -> float:
    """An MP3 file's length (fails on anything that is not MP3 frames)."""
    assert content[:3] == b"ID3" or content[:2] in {b"\xff\xfb", b"\xff\xf3", b"\xff\xe3"}
    length: float = MP3(io.BytesIO(content)).info.length
    return length


def wav_seconds(content: bytes) -> float:
    with wave.open(io.BytesIO(content)) as wav:
        return wav.getnframes() / wav.getframerate()


@pytest.fixture
def speech_api() -> Iterator[tuple[FakeSpeechApi, str]]:
    fake = FakeSpeechApi()
    with serve_asgi(fake.app()) as url:
        yield fake, f"{url}/v1"


@pytest.fixture
def offline(change_settings: Callable[..., HarfSettings], tmp_path: Path) -> HarfSettings:
    """espeak-ng only, with an empty data folder."""
    return change_settings(tts_api_key="", data_dir=tmp_path)


async def run_jobs(app: FastAPI) -> int:
    worker = Worker(
        jobs, app.state.settings, app.state.db, clock=lambda: utcnow() + timedelta(seconds=1)
    )
    ran = 0
    while batch := await worker.tick():
        ran += batch
    return ran


async def jobs_count(db: AsyncSession) -> int:
    return await db.scalar(select(func.count()).select_from(Job).where(Job.queue == "harf")) or 0


async def files_count(db: AsyncSession) -> int:
    return await db.scalar(select(func.count()).select_from(AudioFile)) or 0


async def play(client: AsyncClient, settings: HarfSettings, found: dict[str, Any]) -> bytes:
    """What a browser gets from the link, as the gateway would send it (data folder) or straight
    from the bucket."""
    if settings.s3_bucket:
        async with httpx.AsyncClient() as browser:
            fetched = await browser.get(found["url"])
        assert fetched.status_code == 200
        assert fetched.headers["content-type"] == found["media_type"]
        return fetched.content
    served = await client.get(found["url"])  # no token: the signed link is the permission
    assert served.status_code == 200
    internal = served.headers["x-accel-redirect"]
    assert internal.startswith("/_media/harf/audio/")
    return (settings.data_dir / "media" / internal.removeprefix("/_media/")).read_bytes()


async def test_espeak_says_a_word_once_as_mp3_and_the_cache_serves_it_after(
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
    found = served.json()
    assert (found["media_type"], found["recorded"]) == ("audio/mpeg", False)
    content = await play(client, offline, found)
    assert mp3_seconds(content) > 0.3  # "baliq": a playable file with real sound
    kept = list((offline.data_dir / "media" / "harf" / "audio" / "generated").iterdir())
    assert len(kept) == 1 and kept[0].suffix == ".mp3"
    made_at = kept[0].stat().st_mtime_ns

    cached = await client.get(LETTER_B, params={"word": 1})
    assert cached.status_code == 200
    assert cached.json() == found
    assert kept[0].stat().st_mtime_ns == made_at  # a cache hit: nothing was made again
    assert await jobs_count(db_session) == 1
    assert await run_jobs(started_app) == 0
    assert await files_count(db_session) == 1


async def test_a_forged_or_other_link_is_not_found(
    client: AsyncClient, started_app: FastAPI, offline: HarfSettings
) -> None:
    await client.get(LETTER_B)
    await run_jobs(started_app)
    link = urlsplit((await client.get(LETTER_B)).json()["url"])
    assert link.path.startswith("/api/harf/media/harf/audio/generated/")
    expires = link.query.split("&")[0]
    forged = await client.get(f"{link.path}?{expires}&signature={'0' * 64}")
    assert forged.json()["error"]["code"] == "media_link_invalid"
    other = await client.get(f"/api/harf/media/harf/audio/generated/other.mp3?{link.query}")
    assert other.status_code == 404


async def test_a_letter_is_said_as_its_name_or_as_its_sound(
    client: AsyncClient, started_app: FastAPI, db_session: AsyncSession, offline: HarfSettings
) -> None:
    for saying in ("name", "sound"):
        assert (await client.get(LETTER_B, params={"as": saying})).status_code == 503
    assert await run_jobs(started_app) == 2
    name = (await client.get(LETTER_B)).json()  # the name is what is said without `as`
    sound = (await client.get(LETTER_B, params={"as": "sound"})).json()
    assert name["url"] != sound["url"]
    assert mp3_seconds(await play(client, offline, name)) > 0
    assert mp3_seconds(await play(client, offline, sound)) > 0
    texts = set(await db_session.scalars(select(AudioFile.text)))
    assert texts == {"be", "[[b@]]"}  # "be", and /b/ with a short ə


async def test_cyrillic_and_latin_share_one_sound(
    client: AsyncClient, started_app: FastAPI, offline: HarfSettings
) -> None:
    assert (await client.get(LETTER_B, params={"word": 1})).status_code == 503  # baliq
    assert (await client.get(LETTER_B, params={"as": "sound"})).status_code == 503
    await run_jobs(started_app)
    cyrillic = "/api/harf/alphabets/uz-Cyrl/letters/2/audio"
    assert (await client.get(cyrillic, params={"word": 1})).status_code == 200  # балиқ: made
    assert (await client.get(cyrillic, params={"as": "sound"})).status_code == 200


async def test_the_speech_api_is_preferred_and_espeak_takes_over_when_it_fails(
    client: AsyncClient,
    started_app: FastAPI,
    change_settings: Callable[..., HarfSettings],
    speech_api: tuple[FakeSpeechApi, str],
    tmp_path: Path,
) -> None:
    fake, url = speech_api
    settings = change_settings(tts_api_key=TTS_KEY, tts_base_url=url, data_dir=tmp_path)
    await client.get(LETTER_B)
    await run_jobs(started_app)
    spoken = await client.get(LETTER_B)
    assert spoken.status_code == 200
    assert mp3_seconds(await play(client, settings, spoken.json())) < 0.4  # its 0.2 s tone
    assert fake.requests[0]["input"] == "be"
    assert fake.requests[0]["voice"] == "alloy"

    fake.failing = True
    await client.get(LETTER_B, params={"word": 2})
    await run_jobs(started_app)
    fallback = await client.get(LETTER_B, params={"word": 2})
    assert fallback.status_code == 200
    assert mp3_seconds(await play(client, settings, fallback.json())) > 0.4  # espeak's "sabzi"
    assert fake.requests[-1]["input"] == "sabzi"


async def test_sounds_are_made_by_a_voice_that_reads_phonemes_only(
    client: AsyncClient,
    started_app: FastAPI,
    change_settings: Callable[..., HarfSettings],
    speech_api: tuple[FakeSpeechApi, str],
    tmp_path: Path,
) -> None:
    fake, url = speech_api
    settings = change_settings(tts_api_key=TTS_KEY, tts_base_url=url, data_dir=tmp_path)
    await client.get(LETTER_B, params={"as": "sound"})
    await run_jobs(started_app)
    sound = await client.get(LETTER_B, params={"as": "sound"})
    assert sound.status_code == 200
    assert mp3_seconds(await play(client, settings, sound.json())) > 0
    assert fake.requests == []  # the speech API would have read "[[b@]]" out

    change_settings(tts_api_key=TTS_KEY, tts_base_url=url, espeak_binary="", data_dir=tmp_path)
    alone = await client.get(LETTER_B, params={"as": "sound"})
    assert alone.json()["error"]["code"] == "audio_unavailable"  # the app says it itself


@pytest.mark.parametrize("code", list(AlphabetCode))
async def test_every_letter_has_a_sound_that_plays(code: AlphabetCode) -> None:
    """espeak-ng says each letter's sound (a sign: its name), as MP3 with real sound in it: a
    phoneme espeak-ng did not know would make silence."""
    espeak = Espeak(binary="espeak-ng", speed=120)
    said: set[tuple[str, str]] = set()
    for number, letter in enumerate(alphabets.alphabet(code).letters, start=1):
        speech = speech_of(code, number, None, Saying.sound)
        assert speech.phonemes == (letter.kind is not LetterKind.sign), letter.upper
        if (speech.language, speech.text) in said:
            continue  # Uzbek Cyrillic: the Latin letter's sound, already said
        said.add((speech.language, speech.text))
        content = await espeak.speak(speech.text, speech.language.value)
        with wave.open(io.BytesIO(content)) as wav:
            samples = memoryview(wav.readframes(wav.getnframes())).cast("h")
            peak = max(abs(sample) for sample in samples)
            # how long it sounds: a lone sonorant (a held "m:") lasts 10 ms, too short to hear
            heard = sum(1 for sample in samples if abs(sample) > peak / 10) / wav.getframerate()
        assert peak > 500 and heard > 0.06, f"{code} {letter.upper}: {speech.text} is not heard"
        assert mp3_seconds(to_mp3(content)) > heard


def test_both_uzbek_scripts_say_a_letter_with_the_same_sound() -> None:
    """Ш sounds as Sh; Е (ye), Ё, Ю, Я have no one Latin letter and sound as their spelling."""
    latin = {
        letter.lower: letter.phonemes for letter in alphabets.alphabet(AlphabetCode.uz_latn).letters
    }
    for letter in alphabets.alphabet(AlphabetCode.uz_cyrl).letters:
        if letter.latin in latin:
            assert letter.phonemes == latin[letter.latin], letter.upper
        elif letter.phonemes:
            assert letter.latin and letter.latin[0] == "y", letter.upper
            assert letter.phonemes == "j" + latin[letter.latin[1]].removeprefix("j"), letter.upper


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
    await client.get(LETTER_B, params={"as": "sound"})
    await run_jobs(started_app)
    generated = (await client.get(LETTER_B, params={"as": "sound"})).json()

    admin = await login_as(Role.admin)
    recording = tone(0.5)
    saved = await admin.put("/api/harf/recordings/uz-Latn/2?as=sound", content=recording)
    assert saved.status_code == 200
    assert saved.json() == {"text": "[[b@]]", "language": "uz", "media_type": "audio/wav"}
    served = (await client.get(LETTER_B, params={"as": "sound"})).json()
    assert (served["recorded"], served["media_type"]) == (True, "audio/wav")
    assert await play(client, offline, served) == recording
    assert served["url"] != generated["url"]

    again = tone(0.7)  # recorded again: a new link, so no browser keeps the old one
    assert (await admin.put("/api/harf/recordings/uz-Latn/2?as=sound", content=again)).is_success
    newer = (await client.get(LETTER_B, params={"as": "sound"})).json()
    assert newer["url"] != served["url"]
    assert wav_seconds(await play(client, offline, newer)) == pytest.approx(0.7)
    assert (await client.get(LETTER_B)).status_code == 503  # the name was not recorded


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


@pytest.mark.parametrize("saying", ["name", "sound"])
async def test_the_letters_after_the_free_ones_need_the_plan(
    client: AsyncClient,
    login_as: LoginAs,
    db_session: AsyncSession,
    offline: HarfSettings,
    saying: str,
) -> None:
    assert (await client.get(LETTER_SH, params={"as": saying})).status_code == 401
    child = await login_as(Role.student)
    refused = await child.get(LETTER_SH, params={"as": saying})
    assert refused.status_code == 403
    assert refused.json()["error"]["code"] == "feature_not_included"

    await subscribe(db_session, child.user, Feature.harf_audio)
    allowed = await child.get(LETTER_SH, params={"as": saying})
    assert allowed.json()["error"]["code"] == "audio_pending"


@pytest.fixture(scope="module")
def bucket() -> Iterator[dict[str, str]]:
    with s3_server(BUCKET) as values:
        yield values


async def test_with_a_bucket_sounds_and_recordings_are_kept_there(
    client: AsyncClient,
    login_as: LoginAs,
    started_app: FastAPI,
    change_settings: Callable[..., HarfSettings],
    bucket: dict[str, str],
    tmp_path: Path,
) -> None:
    settings = change_settings(tts_api_key="", data_dir=tmp_path, **bucket)
    await client.get(LETTER_B, params={"as": "sound"})
    assert await run_jobs(started_app) == 1
    found = (await client.get(LETTER_B, params={"as": "sound"})).json()
    assert found["url"].startswith(f"{bucket['s3_endpoint_url']}/{BUCKET}/harf/audio/generated/")
    assert "X-Amz-Signature=" in found["url"]
    assert mp3_seconds(await play(client, settings, found)) > 0
    assert not (tmp_path / "media").exists()  # nothing in the data folder

    admin = await login_as(Role.admin)
    recording = tone(0.4)
    assert (
        await admin.put("/api/harf/recordings/uz-Latn/2?as=sound", content=recording)
    ).is_success
    served = (await client.get(LETTER_B, params={"as": "sound"})).json()
    assert served["recorded"] is True
    assert await play(client, settings, served) == recording
    # The media route serves the data folder only: with a bucket, links point at the bucket.
    assert (await client.get("/api/harf/media/harf/x.mp3?expires=1&signature=x")).status_code == 404


def test_an_mp3_check_that_can_fail() -> None:
    with pytest.raises((AssertionError, HeaderNotFoundError)):
        mp3_seconds(tone())  # a WAV file is not MP3
