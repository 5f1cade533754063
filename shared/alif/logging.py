"""structlog configuration and the request middleware.

Every log line carries `service`, and within a request `request_id` (nginx's `X-Request-ID`, or
a new one), `method`, `path` and, once authenticated, `user_id`. One access line per request.
JSON lines in production, readable lines in development.

The access line is the one line every request writes, so with JSON logs it is written straight
to stdout as one JSON object with the same fields structlog would give it: through structlog's
standard-library bridge it cost 17 % of a bare request's CPU (bench/RESULTS.md).
"""

import itertools
import json
import logging
import os
import re
import sys
import time
from datetime import UTC, datetime
from typing import Any

import structlog
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from alif.config import CommonSettings
from alif.errors import ErrorBody, ErrorDetail
from alif.outages import Outage, outage_of

REQUEST_ID_HEADER = b"x-request-id"
_VALID_REQUEST_ID = re.compile(rb"^[A-Za-z0-9._-]{1,64}$")

access_logger = structlog.get_logger("alif.access")
error_logger = structlog.get_logger("alif.errors")


class _AccessLine:
    """How the access line is written, chosen by `configure_logging`."""

    direct_json = False  # JSON logs: one json.dumps and a write, no logging machinery
    enabled = True  # the log level lets INFO through
    service = ""
    pid = 0  # which worker process answered (several share a port)


_access = _AccessLine()


def configure_logging(settings: CommonSettings) -> None:
    shared_processors: list[structlog.types.Processor] = [
        structlog.contextvars.merge_contextvars,
        structlog.stdlib.add_log_level,
        structlog.stdlib.add_logger_name,
        structlog.processors.TimeStamper(fmt="iso", utc=True),
    ]
    renderer: structlog.types.Processor = (
        structlog.processors.JSONRenderer()
        if settings.json_logs
        else structlog.dev.ConsoleRenderer(colors=False)
    )
    formatter = structlog.stdlib.ProcessorFormatter(
        foreign_pre_chain=shared_processors,
        processors=[
            structlog.stdlib.ProcessorFormatter.remove_processors_meta,
            structlog.processors.format_exc_info,
            renderer,
        ],
    )
    handler = logging.StreamHandler(sys.stdout)
    handler.setFormatter(formatter)
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(settings.log_level.upper())
    # uvicorn's own access log is replaced by ours; its error log goes through our handler.
    for name in ("uvicorn", "uvicorn.error", "uvicorn.access"):
        logging.getLogger(name).handlers.clear()
        logging.getLogger(name).propagate = name != "uvicorn.access"
    logging.getLogger("sqlalchemy.engine").setLevel(
        logging.INFO if settings.database_echo else logging.WARNING
    )
    structlog.configure(
        processors=[
            *shared_processors,
            structlog.stdlib.ProcessorFormatter.wrap_for_formatter,
        ],
        logger_factory=structlog.stdlib.LoggerFactory(),
        wrapper_class=structlog.stdlib.BoundLogger,
        cache_logger_on_first_use=True,
    )
    structlog.contextvars.clear_contextvars()
    structlog.contextvars.bind_contextvars(service=settings.service_name)
    _access.direct_json = settings.json_logs
    _access.enabled = logging.getLogger("alif.access").isEnabledFor(logging.INFO)
    _access.service = settings.service_name
    _access.pid = os.getpid()


def _write_json_access(fields: dict[str, Any]) -> None:
    # The keys and values structlog's JSON lines have (merge_contextvars, add_log_level,
    # add_logger_name, TimeStamper(fmt="iso", utc=True)); stdout is looked up now, as
    # print() does, so a replaced stdout (tests) is honoured.
    fields["level"] = "info"
    fields["logger"] = "alif.access"
    fields["pid"] = _access.pid
    fields["timestamp"] = datetime.now(UTC).isoformat().replace("+00:00", "Z")
    stream = sys.stdout
    stream.write(json.dumps(fields) + "\n")
    stream.flush()


class _RequestIds:
    """Ids for requests that come without one: a random prefix per process and a counter.

    Unique across processes and restarts (64 random bits a process) at the cost of a counter
    step, where uuid4 cost an os.urandom call per request. Not secret: nothing is authorised
    by a request id; it only ties log lines and an error body together.
    """

    def __init__(self) -> None:
        self.reseed()
        os.register_at_fork(after_in_child=self.reseed)

    def reseed(self) -> None:
        self._prefix = os.urandom(8).hex()
        self._counter = itertools.count(1)

    def next(self) -> str:
        return f"{self._prefix}{next(self._counter):016x}"


_request_ids = _RequestIds()


def _request_id(scope: Scope) -> str:
    for name, value in scope.get("headers", ()):
        if name == REQUEST_ID_HEADER and _VALID_REQUEST_ID.match(value):
            return str(value.decode())
    return _request_ids.next()


INTERNAL_ERROR_MESSAGE = "Something went wrong on our side. Please try again."


def _error_body(request_id: str, code: str, message: str) -> bytes:
    body = ErrorBody(error=ErrorDetail(code=code, message=message), request_id=request_id)
    return body.model_dump_json().encode()


class RequestContextMiddleware:
    """Pure ASGI: request id, log context, the access line, and the last-resort 500."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] not in ("http", "websocket"):
            await self.app(scope, receive, send)
            return

        request_id = _request_id(scope)
        scope.setdefault("state", {})["request_id"] = request_id
        path = scope["path"]
        method = scope.get("method", "WS")
        tokens = structlog.contextvars.bind_contextvars(
            request_id=request_id, method=method, path=path
        )
        started = time.perf_counter()
        status = 500
        response_started = False

        async def send_with_request_id(message: Message) -> None:
            nonlocal status, response_started
            if message["type"] == "websocket.accept":
                status = 101
            elif message["type"] == "websocket.close" and status != 101:
                status = 403  # closed before it was accepted: refused
            elif message["type"] == "http.response.start":
                response_started = True
                status = message["status"]
                headers = list(message.get("headers", []))
                headers.append((REQUEST_ID_HEADER, request_id.encode()))
                message = {**message, "headers": headers}
            await send(message)

        try:
            await self.app(scope, receive, send_with_request_id)
        except Exception as error:
            outage: Outage | None = outage_of(error)
            headers = [(b"content-type", b"application/json")]
            if outage is None:
                error_logger.exception("unhandled_error")
                answer = 500
                body = _error_body(request_id, "internal_error", INTERNAL_ERROR_MESSAGE)
            else:
                # Something the request needs is down (decision 65): retryable, not a bug.
                error_logger.warning("dependency_unavailable", code=outage.code, error=repr(error))
                answer = outage.status
                body = _error_body(request_id, outage.code, outage.message)
                headers.append((b"retry-after", str(outage.retry_after).encode()))
            if scope["type"] == "http" and not response_started:
                await send_with_request_id(
                    {"type": "http.response.start", "status": answer, "headers": headers}
                )
                await send({"type": "http.response.body", "body": body})
        finally:
            if not _is_probe(path):
                self._access_line(scope, request_id, method, path, status, started)
            structlog.contextvars.reset_contextvars(**tokens)

    @staticmethod
    def _access_line(
        scope: Scope, request_id: str, method: str, path: str, status: int, started: float
    ) -> None:
        fields: dict[str, Any] = {
            "status": status,
            "duration_ms": round((time.perf_counter() - started) * 1000, 2),
        }
        user_id = scope["state"].get("user_id")
        if user_id is not None:
            fields["user_id"] = str(user_id)
        if not _access.direct_json:
            access_logger.info("request", **fields)
        elif _access.enabled:
            fields.update(
                event="request",
                service=_access.service,
                request_id=request_id,
                method=method,
                path=path,
            )
            _write_json_access(fields)


def _is_probe(path: str) -> bool:
    return path in ("/health", "/ready")
