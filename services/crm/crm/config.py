from typing import ClassVar

from alif.config import CommonSettings


class CrmSettings(CommonSettings):
    service_name: ClassVar[str] = "crm"
