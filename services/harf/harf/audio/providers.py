"""The voices that turn a text into sound, tried in order: a speech API when configured (OpenAI's
POST /audio/speech or any server that speaks it), then espeak-ng, offline."""

import asyncio
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

import httpx
import structlog

from harf.config import HarfSettings

logger = structlog.get_logger(__name__)

# espeak-ng's voices for the languages harf speaks (Uzbek Cyrillic is spoken from its Latin form).
ESPEAK_VOICES = {"uz": "uz", "ru": "ru", "en": "en-us"}


class SpeechFailed(Exception):
    """A voice could not say the text; the next one in the chain is tried."""


class Voice(Protocol):
    @property
    def id(self) -> str:
        """Names the voice in the cache key: another voice is another file."""
        ...

    async def speak(self, text: str, language: str) -> bytes:
        """The text spoken, as a WAV file."""
        ...


@dataclass(frozen=True)
class SpeechApi:
    base_url: str
    api_key: str
    model: str
    voice: str
    timeout: float

    @property
    def id(self) -> str:
        return f"api-{self.model}-{self.voice}"

    async def speak(self, text: str, language: str) -> bytes:
        try:
            async with httpx.AsyncClient(timeout=self.timeout) as client:
                response = await client.post(
                    f"{self.base_url.rstrip('/')}/audio/speech",
                    headers={"Authorization": f"Bearer {self.api_key}"},
                    json={
                        "model": self.model,
                        "voice": self.voice,
                        "input": text,
                        "response_format": "wav",
                    },
                )
                response.raise_for_status()
        except httpx.HTTPError as error:
            raise SpeechFailed(f"the speech API failed: {error!r}") from error
        if not response.content.startswith(b"RIFF"):
            raise SpeechFailed("the speech API did not answer with a WAV file")
        return response.content


@dataclass(frozen=True)
class Espeak:
    binary: str
    speed: int

    @property
    def id(self) -> str:
        return "espeak-ng"

    async def speak(self, text: str, language: str) -> bytes:
        voice = ESPEAK_VOICES.get(language)
        if voice is None:
            raise SpeechFailed(f"espeak-ng has no voice for {language!r}")
        with tempfile.TemporaryDirectory() as folder:
            out = Path(folder) / "speech.wav"
            process = await asyncio.create_subprocess_exec(
                self.binary,
                "-v",
                voice,
                "-s",
                str(self.speed),
                "-w",
                str(out),
                "--",
                text,
                stdout=asyncio.subprocess.DEVNULL,
                stderr=asyncio.subprocess.PIPE,
            )
            _, errors = await process.communicate()
            if process.returncode != 0 or not out.exists():
                raise SpeechFailed(f"espeak-ng failed: {errors.decode(errors='replace')}")
            return out.read_bytes()


def voices(settings: HarfSettings) -> list[Voice]:
    """The configured voices, the preferred first; empty when none is."""
    chain: list[Voice] = []
    if settings.tts_api_key.strip():
        chain.append(
            SpeechApi(
                base_url=settings.tts_base_url,
                api_key=settings.tts_api_key,
                model=settings.tts_model,
                voice=settings.tts_voice,
                timeout=settings.tts_timeout_seconds,
            )
        )
    if settings.espeak_binary and shutil.which(settings.espeak_binary):
        chain.append(Espeak(binary=settings.espeak_binary, speed=settings.espeak_speed))
    return chain
