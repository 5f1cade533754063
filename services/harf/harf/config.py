from typing import ClassVar

from pydantic import Field

from alif.speech import SpeechSettings


class HarfSettings(SpeechSettings):
    service_name: ClassVar[str] = "harf"

    harf_daily_goal: int = Field(
        default=10, ge=1, le=200, description="Right answers a day that meet a child's goal"
    )
