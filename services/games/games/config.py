from typing import ClassVar

from alif.config import CommonSettings


class GamesSettings(CommonSettings):
    service_name: ClassVar[str] = "games"
