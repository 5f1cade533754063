"""Route matching that skips the routers a path cannot reach.

Since FastAPI 0.137 `include_router` keeps each included router as a node that is searched
route by route on every request, twice (once to match, once to handle), so a late route of a
service with 80 operations paid for every route before it: py-spy put 47 % of the bare
endpoint's CPU there (bench/RESULTS.md). A path can only match a route whose literal start
(its path up to the first `{param}`) it begins with, so `IndexedRouter` keeps, for every entry of
the app's route table, the literal starts of all the routes below it, and searches only the
entries whose start the path has. The entries it searches, and their order, are the ones
FastAPI would have matched first, so the result is the same; anything that finds no match here
(404, slash redirects, the framework's low-priority routes) goes through FastAPI unchanged.
The upstream fix (fastapi#16159, a prefix check per included router) would not help us alone:
every router of a service shares the `/api/<service>` prefix.
"""

from typing import TypeAlias

from fastapi import FastAPI
from fastapi.routing import (
    APIRouter,
    _apply_router_form_limits,
    _IncludedRouter,
    _update_scope,
)
from fastapi.telemetry._api import _route_selected
from starlette._utils import get_route_path
from starlette.routing import BaseRoute, Match, Mount
from starlette.types import Receive, Scope, Send

_Index: TypeAlias = list[tuple[tuple[str, ...], BaseRoute]]


def _literal_start(path: str) -> str:
    return path.split("{", 1)[0]


def _starts(route: BaseRoute) -> tuple[str, ...]:
    """The literal starts of every path `route` can match; ("",) when unknown (always searched)."""
    if isinstance(route, _IncludedRouter):
        starts: set[str] = set()
        for context in route.effective_route_contexts():
            inner = context.starlette_route
            path = getattr(inner, "path", None) if inner is not None else context.path_format
            if not path:
                return ("",)
            starts.add(_literal_start(path))
        return tuple(sorted(starts)) or ("",)
    path = getattr(route, "path", None)
    if not isinstance(path, str) or not path:
        return ("",)
    return (_literal_start(path),)


class IndexedRouter(APIRouter):
    """The app's router, searching only the entries whose routes can match the path."""

    _index: _Index | None = None
    _index_version: int = -1

    def _entries(self) -> _Index:
        # Rebuilt when the app's own table changes. Routers are complete when included (every
        # service builds them at import), so the nested versions, which cost a walk of every
        # route to add up (9 % of a bare request), are not checked per request.
        version = self._routes_version
        if self._index is None or version != self._index_version:
            self._index = [(_starts(route), route) for route in self.routes]
            self._index_version = version
        return self._index

    async def app(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] not in ("http", "websocket"):
            await super().app(scope, receive, send)
            return
        path = get_route_path(scope)
        partial: tuple[BaseRoute, Scope] | None = None
        for starts, route in self._entries():
            if not path.startswith(starts):
                continue
            match, child_scope = route.matches(scope)
            if match == Match.FULL:
                break
            if match == Match.PARTIAL and partial is None:
                partial = (route, child_scope)
        else:
            if partial is None:
                # No route: FastAPI's own path (slash redirect, low-priority routes, 404).
                await super().app(scope, receive, send)
                return
            route, child_scope = partial
        # What APIRouter.app does with the route it selected.
        _apply_router_form_limits(scope, self.form_limits)
        scope.setdefault("router", self)
        _update_scope(scope, child_scope)
        _route_selected(
            scope=scope,
            path=getattr(route, "path_format", None),
            mount=isinstance(route, Mount),
        )
        await route.handle(scope, receive, send)


def index_routes(app: FastAPI) -> None:
    """Give `app` the indexed router (same routes, same state: only the search changes)."""
    router = app.router
    # Starlette binds `router.app` into `middleware_stack` when the router is made; FastAPI's
    # app router has no router-level middleware, so the stack is that method alone.
    if router.middleware_stack != router.app:
        raise RuntimeError("the app's router has its own middleware: cannot index its routes")
    router.__class__ = IndexedRouter
    router.middleware_stack = router.app
