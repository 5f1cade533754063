"""A letter's or a word's sound: a recording an admin uploaded, else a file a voice made once.

Files are kept by `alif.storage` (the data folder, served by the gateway after a signed link is
checked, or a bucket with presigned URLs) under `harf/audio/`; `harf_audio` says which file holds
what, so finding one is a single query. A missing file is made by the `harf.render_audio` job:
the request that found it missing asks for it (once, by key) and answers 503 `audio_pending`.

Generated sound is kept as MP3 (`alif.speech.to_mp3`); the format is part of the cache key, so a
change of format makes new files instead of serving old ones under a new name.
"""

import hashlib
import secrets
import tempfile
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Any

import anyio
import structlog
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from alif.db import insert_if_absent
from alif.jobs import enqueue
from alif.speech import SpeechFailed, Voice, to_mp3, voices
from alif.storage import Storage, storage_for
from alif.text import normalize_uzbek
from alif.transliterate import to_latin
from harf.alphabets import service as alphabets
from harf.alphabets.schemas import AlphabetCode, Language
from harf.audio.exceptions import AudioPending, AudioUnavailable, RecordingNotAudio, WordNotFound
from harf.audio.models import AudioFile
from harf.config import HarfSettings

logger = structlog.get_logger(__name__)

RENDER_JOB = "harf.render_audio"
MEDIA_ROUTE = "/api/harf/media/"
RECORDED = "recorded"
GENERATED_FORMAT = ("mp3", "audio/mpeg")

# What a recording starts with, by format (MP3: an ID3 tag or a frame of MPEG-1, 2 or 2.5).
_SIGNATURES = {
    b"RIFF": ("wav", "audio/wav"),
    b"OggS": ("ogg", "audio/ogg"),
    b"ID3": ("mp3", "audio/mpeg"),
    b"\xff\xfb": ("mp3", "audio/mpeg"),
    b"\xff\xf3": ("mp3", "audio/mpeg"),
    b"\xff\xe3": ("mp3", "audio/mpeg"),
    b"\x1a\x45\xdf\xa3": ("webm", "audio/webm"),
}


class Saying(StrEnum):
    """What a letter is said as."""

    name = "name"  # "be", "ша", "double-u"
    sound = "sound"  # /b/ with a short ə, /ʃ/ held: how it sounds in a word


@dataclass(frozen=True)
class Speech:
    """What is said and in which language; Uzbek Cyrillic is said from its Latin form, so both
    scripts share one sound. `phonemes`: the text is espeak-ng's phoneme notation, which only a
    voice that reads phonemes may say."""

    text: str
    language: Language
    phonemes: bool = False

    @property
    def key(self) -> str:
        return _digest(self.language.value, self.text)


def _digest(*parts: str) -> str:
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()[:40]


def storage(settings: HarfSettings) -> Storage:
    return storage_for(settings, MEDIA_ROUTE)


def speech_of(code: AlphabetCode, number: int, word: int | None, saying: Saying) -> Speech:
    """The letter's name or its sound, or its `word`-th example word (from 1). A letter without
    a sound of its own (a sign: ʼ, ъ, ь) is said by its name."""
    letter = alphabets.letter(code, number)
    language = alphabets.alphabet(code).language
    if word is not None:
        if not 1 <= word <= len(letter.words):
            raise WordNotFound()
        text = letter.words[word - 1].text
    elif saying is Saying.sound and letter.phonemes:
        # Phonemes are written for the language's voice, the same for both Uzbek scripts.
        return Speech(text=f"[[{letter.phonemes}]]", language=language, phonemes=True)
    else:
        text = letter.name
    if code is AlphabetCode.uz_cyrl:
        text = to_latin(text)
    if language is Language.uz:
        text = normalize_uzbek(text)  # a voice reads oʻ and gʻ right only with U+02BB
    return Speech(text=text, language=language)


def voices_for(settings: HarfSettings, speech: Speech) -> list[Voice]:
    """The voices that can say it, the preferred first."""
    return [voice for voice in voices(settings) if voice.reads_phonemes or not speech.phonemes]


def _source(voice: Voice) -> str:
    return f"{voice.id}:{GENERATED_FORMAT[0]}"


async def find(db: AsyncSession, settings: HarfSettings, speech: Speech) -> AudioFile | None:
    """The recording, else the file the most preferred voice made."""
    sources = [RECORDED, *(_source(voice) for voice in voices_for(settings, speech))]
    rows = await db.scalars(
        select(AudioFile).where(AudioFile.speech == speech.key, AudioFile.source.in_(sources))
    )
    by_source = {row.source: row for row in rows}
    return next((by_source[source] for source in sources if source in by_source), None)


async def audio(db: AsyncSession, settings: HarfSettings, speech: Speech) -> AudioFile:
    """The file to play; if there is none yet, the job that makes it is asked for."""
    if (found := await find(db, settings, speech)) is not None:
        return found
    chain = voices_for(settings, speech)
    if not chain:
        raise AudioUnavailable()
    payload: dict[str, Any] = {
        "text": speech.text,
        "language": speech.language.value,
        "phonemes": speech.phonemes,
    }
    key = f"{RENDER_JOB}:{_digest(speech.key, _source(chain[0]))}"
    await enqueue(db, RENDER_JOB, payload, key=key)
    raise AudioPending()


async def _put(store: Storage, storage_key: str, content: bytes, media_type: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "sound"
        await anyio.Path(path).write_bytes(content)
        await store.save(storage_key, path, media_type)


async def _add(
    db: AsyncSession, speech: Speech, source: str, storage_key: str, media_type: str
) -> None:
    """The row naming the file (one per speech and source: a second job at once adds none)."""
    values = {
        "key": f"{speech.key}:{source}",
        "speech": speech.key,
        "source": source,
        "text": speech.text[:200],
        "language": speech.language,
        "storage_key": storage_key,
        "media_type": media_type,
    }
    await insert_if_absent(db, AudioFile, values, unique="key")


async def render(db: AsyncSession, settings: HarfSettings, speech: Speech) -> str:
    """The text spoken by the first voice that can, kept as MP3 (a file already made is kept);
    answers the source that says it. The bytes go to the storage before the row is written: a
    failed commit leaves a file no row names, never a row without its file."""
    failures: list[str] = []
    for voice in voices_for(settings, speech):
        source = _source(voice)
        row_key = f"{speech.key}:{source}"
        if await db.scalar(select(AudioFile.id).where(AudioFile.key == row_key)) is not None:
            return source
        try:
            content = to_mp3(await voice.speak(speech.text, speech.language.value))
        except SpeechFailed as error:
            logger.warning("speech_failed", voice=voice.id, error=str(error))
            failures.append(str(error))
            continue
        ext, media_type = GENERATED_FORMAT
        storage_key = f"harf/audio/generated/{_digest(speech.key, source)}.{ext}"
        await _put(storage(settings), storage_key, content, media_type)
        await _add(db, speech, source, storage_key, media_type)
        logger.info("audio_rendered", voice=voice.id, language=speech.language.value)
        return source
    raise SpeechFailed("; ".join(failures) or "no voice is configured")


async def save_recording(
    db: AsyncSession, settings: HarfSettings, speech: Speech, content: bytes
) -> AudioFile:
    """An admin's recording, in place of any earlier one; it wins over generated files. Each
    upload is a new file (a new link), so no browser keeps playing the old one."""
    kind = next(
        (found for signature, found in _SIGNATURES.items() if content.startswith(signature)),
        None,
    )
    if kind is None or len(content) < 64:
        raise RecordingNotAudio()
    ext, media_type = kind
    storage_key = f"harf/audio/recorded/{speech.key}-{secrets.token_hex(4)}.{ext}"
    await _put(storage(settings), storage_key, content, media_type)
    # The earlier file stays in the storage: deleting it before this request commits could
    # leave the row naming a file that is gone. Re-recording is rare; the leftovers are small.
    await _add(db, speech, RECORDED, storage_key, media_type)
    row = await db.scalar(select(AudioFile).where(AudioFile.key == f"{speech.key}:{RECORDED}"))
    assert row is not None  # inserted now, or there before
    row.storage_key, row.media_type = storage_key, media_type
    await db.flush()
    return row
