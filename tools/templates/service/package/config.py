from typing import ClassVar

from alif.config import CommonSettings


class ${Name}Settings(CommonSettings):
    service_name: ClassVar[str] = "$name"
