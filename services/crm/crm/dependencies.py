"""crm's own objects on `app.state`, as typed dependencies."""

from typing import Annotated

from fastapi import Depends

from alif.dependencies import settings_of
from crm.config import CrmSettings

SettingsDep = Annotated[CrmSettings, Depends(settings_of(CrmSettings))]
