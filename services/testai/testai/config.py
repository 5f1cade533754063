from typing import ClassVar

from alif.config import CommonSettings


class TestaiSettings(CommonSettings):
    service_name: ClassVar[str] = "testai"
