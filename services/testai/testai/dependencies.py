"""The service's own objects on `app.state`, as typed dependencies."""

from typing import Annotated

from fastapi import Depends

from alif.dependencies import settings_of
from testai.config import TestaiSettings

get_settings = settings_of(TestaiSettings)

SettingsDep = Annotated[TestaiSettings, Depends(get_settings)]
