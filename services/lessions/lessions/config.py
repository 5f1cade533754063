from typing import ClassVar

from alif.config import CommonSettings


class LessionsSettings(CommonSettings):
    service_name: ClassVar[str] = "lessions"
