"""Request-scoped access to what `create_app` put on `app.state`."""

from collections.abc import Callable
from typing import Annotated, TypeVar

from fastapi import Depends, Request

from alif.cache import Cache, RateLimiter
from alif.config import CommonSettings

SettingsT = TypeVar("SettingsT", bound=CommonSettings)


def settings_of(kind: type[SettingsT]) -> Callable[[Request], SettingsT]:
    """The dependency that hands a route its service's settings, typed:
    `SettingsDep = Annotated[GamesSettings, Depends(settings_of(GamesSettings))]`."""

    def get_settings(request: Request) -> SettingsT:
        settings = request.app.state.settings
        if not isinstance(settings, kind):
            raise TypeError(f"this app's settings are not {kind.__name__}")
        return settings

    return get_settings


def get_cache(request: Request) -> Cache:
    cache: Cache = request.app.state.cache
    return cache


def get_rate_limiter(request: Request) -> RateLimiter:
    limiter: RateLimiter = request.app.state.rate_limiter
    return limiter


def client_ip(request: Request) -> str:
    # uvicorn rewrites the client from X-Forwarded-For only for trusted proxies (the gateway),
    # so this is the real peer and cannot be spoofed by a header.
    return request.client.host if request.client else "unknown"


CommonSettingsDep = Annotated[CommonSettings, Depends(settings_of(CommonSettings))]
CacheDep = Annotated[Cache, Depends(get_cache)]
RateLimiterDep = Annotated[RateLimiter, Depends(get_rate_limiter)]
ClientIP = Annotated[str, Depends(client_ip)]
