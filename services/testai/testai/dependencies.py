"""The service's own objects on `app.state`, as typed dependencies."""

from typing import Annotated

from fastapi import Depends, Request

from testai.config import TestaiSettings


def get_settings(request: Request) -> TestaiSettings:
    settings: TestaiSettings = request.app.state.settings
    return settings


SettingsDep = Annotated[TestaiSettings, Depends(get_settings)]
