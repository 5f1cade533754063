from typing import ClassVar

from pydantic import Field

from alif.config import CommonSettings


class OlimpSettings(CommonSettings):
    service_name: ClassVar[str] = "olimp"

    # Added to every participant's deadline: a save sent in the last second still arrives.
    olimp_grace_seconds: int = Field(default=30, ge=0, le=300)
    # Where the olimp web app is served: certificates' QR codes open
    # <OLIMP_PUBLIC_URL>/certificates/<code> (decision 51).
    olimp_public_url: str = "https://olimp.alif24.uz"
