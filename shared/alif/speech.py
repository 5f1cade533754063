"""The voices that turn a text into sound, tried in order: a speech API when configured (OpenAI's
POST /audio/speech or any server that speaks it), then espeak-ng, offline. harf says letters and
words with them, lessions reads stories aloud; a service mixes `SpeechSettings` into its own.

Voices answer WAV; `to_mp3` makes the file that is kept and sent (about a tenth of the size)."""

import asyncio
import io
import shutil
import sys
import tempfile
import wave
from array import array
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

import httpx
import structlog
from pydantic import Field

from alif.config import CommonSettings

logger = structlog.get_logger(__name__)


class SpeechSettings(CommonSettings):
    tts_api_key: str = Field(
        default="",
        description="A speech API key (OpenAI or a compatible server); empty: espeak-ng only.",
    )
    tts_base_url: str = Field(
        default="https://api.openai.com/v1",
        description="Any server that speaks OpenAI's POST /audio/speech.",
    )
    tts_model: str = "gpt-4o-mini-tts"
    tts_voice: str = "alloy"
    tts_timeout_seconds: float = Field(default=30.0, gt=0)
    espeak_binary: str = Field(
        default="espeak-ng",
        description="The offline voice (Debian's espeak-ng); empty: no offline voice.",
    )
    espeak_speed: int = Field(
        default=120, ge=80, le=450, description="Words per minute; children need it slow"
    )


# espeak-ng's voices for the languages spoken (Uzbek Cyrillic is spoken from its Latin form).
ESPEAK_VOICES = {"uz": "uz", "ru": "ru", "en": "en-us"}


class SpeechFailed(Exception):
    """A voice could not say the text; the next one in the chain is tried."""


class Voice(Protocol):
    @property
    def id(self) -> str:
        """Names the voice in the cache key: another voice is another file."""
        ...

    @property
    def reads_phonemes(self) -> bool:
        """Whether it says espeak-ng's phoneme notation (`[[s::]]`) as sounds; a voice that does
        not would read the brackets out."""
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

    @property
    def reads_phonemes(self) -> bool:
        return False

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

    @property
    def reads_phonemes(self) -> bool:
        return True  # text between [[ and ]] is phonemes in the voice's own notation

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


def voices(settings: SpeechSettings) -> list[Voice]:
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


MP3_BIT_RATE = 48  # kbit/s: clear for one voice, about 6 KB a second
_PEAK = int(0.89 * 32767)  # -1 dBFS: loud, with room for MP3's small overshoots
_MAX_GAIN = 16.0  # espeak-ng says a held /f/ at -31 dBFS; a vowel is near full scale


def _louder(frames: bytes) -> bytes:
    """16-bit samples raised so the loudest reaches -1 dBFS: a quiet sound (a lone /f/ or /h/)
    is as easy to hear as a word. Never made quieter."""
    samples = array("h")
    samples.frombytes(frames)
    if sys.byteorder == "big":
        samples.byteswap()  # WAV is little-endian
    peak = max((abs(sample) for sample in samples), default=0)
    if peak == 0 or peak >= _PEAK:
        return frames
    gain = min(_PEAK / peak, _MAX_GAIN)
    louder = array("h", (int(sample * gain) for sample in samples))
    if sys.byteorder == "big":
        louder.byteswap()
    return louder.tobytes()


def to_mp3(content: bytes) -> bytes:
    """A voice's WAV file as MP3, made louder if it is quiet (LAME, from the `lameenc` wheel: no
    system package needed)."""
    import lameenc  # alif[speech]

    try:
        with wave.open(io.BytesIO(content)) as wav:
            channels, width, rate = wav.getnchannels(), wav.getsampwidth(), wav.getframerate()
            frames = wav.readframes(wav.getnframes())
    except (wave.Error, EOFError) as error:
        raise SpeechFailed(f"not a WAV file: {error}") from error
    if width != 2 or channels not in (1, 2) or not frames:
        raise SpeechFailed(f"a WAV file LAME cannot take ({channels} channels of {width} bytes)")
    encoder = lameenc.Encoder()
    encoder.set_bit_rate(MP3_BIT_RATE)
    encoder.set_in_sample_rate(rate)
    encoder.set_channels(channels)
    encoder.set_quality(2)  # 2 is LAME's "high quality"; a letter takes milliseconds anyway
    return bytes(encoder.encode(_louder(frames)) + encoder.flush())
