"""The main service's own objects on `app.state`, as typed dependencies."""

from typing import Annotated

from fastapi import Depends, Request

from alif.dependencies import settings_of
from alif_main.auth.passwords import SecretHasher
from alif_main.auth.pins import PinGuard
from alif_main.auth.service import AuthService
from alif_main.auth.sessions import SessionManager
from alif_main.config import MainSettings

get_settings = settings_of(MainSettings)


def get_auth_service(request: Request) -> AuthService:
    service: AuthService = request.app.state.auth
    return service


def get_sessions(request: Request) -> SessionManager:
    return get_auth_service(request).sessions


def get_hasher(request: Request) -> SecretHasher:
    return get_auth_service(request).hasher


def get_pins(request: Request) -> PinGuard:
    return get_auth_service(request).pins


SettingsDep = Annotated[MainSettings, Depends(get_settings)]
AuthServiceDep = Annotated[AuthService, Depends(get_auth_service)]
SessionsDep = Annotated[SessionManager, Depends(get_sessions)]
HasherDep = Annotated[SecretHasher, Depends(get_hasher)]
PinsDep = Annotated[PinGuard, Depends(get_pins)]
