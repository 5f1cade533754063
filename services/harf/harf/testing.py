"""Test helpers for harf: a server speaking OpenAI's speech API, and WAV files."""

import io
import math
import struct
import wave
from dataclasses import dataclass, field
from typing import Any

from fastapi import FastAPI, Request, Response

TTS_KEY = "test-tts-key"


def tone(seconds: float = 0.2, rate: int = 16000) -> bytes:
    """A short sine tone as a WAV file: a real sound, as a speech API would send."""
    frames = b"".join(
        struct.pack("<h", int(8000 * math.sin(2 * math.pi * 440 * i / rate)))
        for i in range(int(seconds * rate))
    )
    out = io.BytesIO()
    with wave.open(out, "wb") as wav:
        wav.setnchannels(1)
        wav.setsampwidth(2)
        wav.setframerate(rate)
        wav.writeframes(frames)
    return out.getvalue()


def duration(content: bytes) -> float:
    """A WAV file's length in seconds (fails on anything that is not a WAV file)."""
    with wave.open(io.BytesIO(content)) as wav:
        frames: int = wav.getnframes()
        rate: int = wav.getframerate()
        return frames / rate


@dataclass
class FakeSpeechApi:
    """POST /audio/speech as OpenAI answers it; `failing` makes it answer 500."""

    requests: list[dict[str, Any]] = field(default_factory=list)
    failing: bool = False

    def app(self) -> FastAPI:
        api = FastAPI()

        @api.post("/v1/audio/speech")
        async def speech(request: Request) -> Response:
            if request.headers.get("authorization") != f"Bearer {TTS_KEY}":
                return Response(status_code=401)
            self.requests.append(await request.json())
            if self.failing:
                return Response(status_code=500)
            return Response(tone(), media_type="audio/wav")

        return api
