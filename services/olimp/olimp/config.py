from typing import ClassVar

from pydantic import Field

from alif.config import CommonSettings


class OlimpSettings(CommonSettings):
    service_name: ClassVar[str] = "olimp"

    # Added to every participant's deadline: a save sent in the last second still arrives.
    olimp_grace_seconds: int = Field(default=30, ge=0, le=300)
