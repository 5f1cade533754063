"""Request-scoped access to what `create_app` put on `app.state`."""

from typing import Annotated

from fastapi import Depends, Request

from alif.cache import Cache, RateLimiter


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


CacheDep = Annotated[Cache, Depends(get_cache)]
RateLimiterDep = Annotated[RateLimiter, Depends(get_rate_limiter)]
ClientIP = Annotated[str, Depends(client_ip)]
