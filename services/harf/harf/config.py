from typing import ClassVar

from pydantic import Field

from alif.config import CommonSettings


class HarfSettings(CommonSettings):
    service_name: ClassVar[str] = "harf"

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
    harf_daily_goal: int = Field(
        default=10, ge=1, le=200, description="Right answers a day that meet a child's goal"
    )
