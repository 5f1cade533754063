"""A letter's or a word's sound: a recording an admin uploaded, else a file a voice made once.

Files live under `<data_dir>/harf/audio/`: `recorded/<text+language>.<ext>` and
`generated/<text+language+voice>.wav`. A missing file is made by the `harf.render_audio` job;
the request that found it missing asks for it (once, by key) and answers 503 `audio_pending`.
"""

import hashlib
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import structlog
from sqlalchemy.ext.asyncio import AsyncSession

from alif.jobs import enqueue
from alif.speech import SpeechFailed, Voice, voices
from alif.text import normalize_uzbek
from alif.transliterate import to_latin
from harf.alphabets import service as alphabets
from harf.alphabets.schemas import AlphabetCode, Language
from harf.audio.exceptions import AudioPending, AudioUnavailable, RecordingNotAudio, WordNotFound
from harf.config import HarfSettings

logger = structlog.get_logger(__name__)

RENDER_JOB = "harf.render_audio"

# What a recording starts with, by format.
_SIGNATURES = {
    b"RIFF": ("wav", "audio/wav"),
    b"OggS": ("ogg", "audio/ogg"),
    b"ID3": ("mp3", "audio/mpeg"),
    b"\xff\xfb": ("mp3", "audio/mpeg"),
    b"\x1a\x45\xdf\xa3": ("webm", "audio/webm"),
}
_MEDIA_TYPES = dict(_SIGNATURES.values())


@dataclass(frozen=True)
class Speech:
    """What is said and in which language; Uzbek Cyrillic is said from its Latin form, so both
    scripts share one sound."""

    text: str
    language: Language

    @property
    def key(self) -> str:
        return _digest(self.language.value, self.text)


@dataclass(frozen=True)
class AudioFile:
    path: Path
    media_type: str
    recorded: bool


def _digest(*parts: str) -> str:
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()[:40]


def _folder(settings: HarfSettings, kind: str) -> Path:
    return Path(settings.data_dir) / "harf" / "audio" / kind


def speech_of(code: AlphabetCode, number: int, word: int | None) -> Speech:
    """The letter's name, or its `word`-th example word (from 1)."""
    letter = alphabets.letter(code, number)
    if word is None:
        text = letter.name
    elif 1 <= word <= len(letter.words):
        text = letter.words[word - 1].text
    else:
        raise WordNotFound()
    language = alphabets.alphabet(code).language
    if code is AlphabetCode.uz_cyrl:
        text = to_latin(text)
    if language is Language.uz:
        text = normalize_uzbek(text)  # a voice reads oʻ and gʻ right only with U+02BB
    return Speech(text=text, language=language)


def _generated(settings: HarfSettings, speech: Speech, voice: Voice) -> Path:
    return _folder(settings, "generated") / f"{_digest(speech.key, voice.id)}.wav"


def _recorded(settings: HarfSettings, speech: Speech) -> AudioFile | None:
    for ext, media_type in _MEDIA_TYPES.items():
        path = _folder(settings, "recorded") / f"{speech.key}.{ext}"
        if path.is_file():
            return AudioFile(path, media_type, recorded=True)
    return None


def find(settings: HarfSettings, speech: Speech) -> AudioFile | None:
    """The recording, else the file the most preferred voice made."""
    if (recording := _recorded(settings, speech)) is not None:
        return recording
    for voice in voices(settings):
        path = _generated(settings, speech, voice)
        if path.is_file():
            return AudioFile(path, "audio/wav", recorded=False)
    return None


async def audio(db: AsyncSession, settings: HarfSettings, speech: Speech) -> AudioFile:
    """The file to play; if there is none yet, the job that makes it is asked for."""
    if (found := find(settings, speech)) is not None:
        return found
    chain = voices(settings)
    if not chain:
        raise AudioUnavailable()
    payload: dict[str, Any] = {"text": speech.text, "language": speech.language.value}
    await enqueue(db, RENDER_JOB, payload, key=f"{RENDER_JOB}:{_digest(speech.key, chain[0].id)}")
    raise AudioPending()


def _write(path: Path, content: bytes) -> None:
    """Written whole or not at all: a reader never sees half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, suffix=".part")
    with os.fdopen(handle, "wb") as out:
        out.write(content)
    os.replace(temporary, path)


async def render(settings: HarfSettings, speech: Speech) -> Path:
    """The text spoken by the first voice that can, saved; a file already there is kept."""
    failures: list[str] = []
    for voice in voices(settings):
        path = _generated(settings, speech, voice)
        if path.is_file():
            return path
        try:
            content = await voice.speak(speech.text, speech.language.value)
        except SpeechFailed as error:
            logger.warning("speech_failed", voice=voice.id, error=str(error))
            failures.append(str(error))
            continue
        _write(path, content)
        logger.info("audio_rendered", voice=voice.id, language=speech.language.value)
        return path
    raise SpeechFailed("; ".join(failures) or "no voice is configured")


def save_recording(settings: HarfSettings, speech: Speech, content: bytes) -> AudioFile:
    """An admin's recording, in place of any earlier one; it wins over generated files."""
    kind = next(
        (found for signature, found in _SIGNATURES.items() if content.startswith(signature)),
        None,
    )
    if kind is None or len(content) < 64:
        raise RecordingNotAudio()
    ext, media_type = kind
    for other in _MEDIA_TYPES:
        (_folder(settings, "recorded") / f"{speech.key}.{other}").unlink(missing_ok=True)
    path = _folder(settings, "recorded") / f"{speech.key}.{ext}"
    _write(path, content)
    return AudioFile(path, media_type, recorded=True)
