from typing import ClassVar

from alif.config import CommonSettings


class HarfSettings(CommonSettings):
    service_name: ClassVar[str] = "harf"
