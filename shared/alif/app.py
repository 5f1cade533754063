"""`create_app`: every service is built the same way.

Routes live under `/api/<service>/` (OpenAPI at `/api/<service>/docs`), behind authentication unless
passed as `public_routers`. `/health` and `/ready` sit at the root for the orchestrator.
"""

from collections.abc import AsyncIterator, Callable, Sequence
from contextlib import AbstractAsyncContextManager, asynccontextmanager

import sentry_sdk
from fastapi import APIRouter, Depends, FastAPI
from fastapi.routing import APIRoute
from pydantic import BaseModel
from starlette.requests import HTTPConnection

from alif.auth import TokenVerifier, current_user
from alif.cache import Cache, RateLimiter, create_cache
from alif.config import CommonSettings
from alif.db import Database
from alif.errors import ErrorBody, ServiceUnavailable, Unprocessable, install_error_handlers
from alif.keys import verification_keys
from alif.logging import RequestContextMiddleware, configure_logging
from alif.routing import index_routes
from alif.schemas import has_control_characters

ServiceLifespan = Callable[[FastAPI], AbstractAsyncContextManager[None]]


class Health(BaseModel):
    status: str
    service: str


class NotReady(ServiceUnavailable):
    message = "The service cannot reach its database or cache yet."


class ControlCharacters(Unprocessable):
    message = "Text may not contain control characters."


async def _no_control_characters(connection: HTTPConnection) -> None:
    """Bodies are checked by `RequestModel`; the address and its query string here, for every
    route, WebSockets included (a NUL reaching PostgreSQL would be a 500)."""
    texts = [
        connection.scope["path"],
        *(t for pair in connection.query_params.multi_items() for t in pair),
    ]
    if any(has_control_characters(text) for text in texts):
        raise ControlCharacters()


def _operation_id(route: APIRoute) -> str:
    # Tag + function name gives the generated TypeScript client readable method names.
    tag = route.tags[0] if route.tags else "default"
    return f"{tag}-{route.name}"


def init_sentry(settings: CommonSettings) -> None:
    """Errors to Sentry when SENTRY_DSN is set (the services and their job workers)."""
    if settings.sentry_dsn:
        sentry_sdk.init(
            dsn=settings.sentry_dsn,
            environment=settings.environment.value,
            release=settings.release,
            traces_sample_rate=settings.sentry_traces_sample_rate,
        )


def create_app(
    settings: CommonSettings,
    *,
    routers: Sequence[APIRouter],
    public_routers: Sequence[APIRouter] = (),
    lifespan: ServiceLifespan | None = None,
    title: str | None = None,
    description: str = "",
) -> FastAPI:
    configure_logging(settings)
    init_sentry(settings)

    @asynccontextmanager
    async def app_lifespan(app: FastAPI) -> AsyncIterator[None]:
        database = Database.from_settings(settings)
        cache: Cache = create_cache(settings)
        app.state.db = database
        app.state.cache = cache
        app.state.rate_limiter = RateLimiter(cache)
        app.state.token_verifier = TokenVerifier(
            verification_keys(settings), issuer=settings.jwt_issuer, audience=settings.jwt_audience
        )
        try:
            if lifespan is None:
                yield
            else:
                async with lifespan(app):
                    yield
        finally:
            await cache.close()
            await database.dispose()

    prefix = f"/api/{settings.service_name}"
    app = FastAPI(
        title=title or f"ALIF24 {settings.service_name}",
        description=description,
        version=settings.release,
        openapi_url=f"{prefix}/openapi.json",
        docs_url=f"{prefix}/docs",
        redoc_url=None,
        lifespan=app_lifespan,
        generate_unique_id_function=_operation_id,
        dependencies=[Depends(_no_control_characters)],
        responses={422: {"model": ErrorBody, "description": "Validation error"}},
    )
    app.state.settings = settings
    install_error_handlers(app)
    app.add_middleware(RequestContextMiddleware)

    # Each router straight under the app (one level of nesting, not two): FastAPI searches
    # included routers route by route, and `index_routes` skips those a path cannot reach.
    for router in routers:
        app.include_router(router, prefix=prefix, dependencies=[Depends(current_user)])
    for router in public_routers:
        app.include_router(router, prefix=prefix)

    @app.get("/health", tags=["health"], include_in_schema=False)
    async def health() -> Health:
        return Health(status="ok", service=settings.service_name)

    @app.get("/ready", tags=["health"], include_in_schema=False)
    async def ready() -> Health:
        try:
            await app.state.db.ping()
            await app.state.cache.ping()
        except Exception as error:
            raise NotReady() from error
        return Health(status="ready", service=settings.service_name)

    index_routes(app)
    return app
