from typing import ClassVar

from alif.config import CommonSettings


class OlimpSettings(CommonSettings):
    service_name: ClassVar[str] = "olimp"
