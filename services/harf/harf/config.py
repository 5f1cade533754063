from typing import ClassVar

from pydantic import Field

from alif.speech import SpeechSettings
from alif.storage import StorageSettings


class HarfSettings(SpeechSettings, StorageSettings):
    """The voices (alif.speech) and where their files are kept (alif.storage: the data folder, or
    a bucket when S3_BUCKET is set)."""

    service_name: ClassVar[str] = "harf"

    harf_daily_goal: int = Field(
        default=10, ge=1, le=200, description="Right answers a day that meet a child's goal"
    )
