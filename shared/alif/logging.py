"""structlog configuration and the request middleware.

Every log line carries `service`, and within a request `request_id` (nginx's `X-Request-ID`, or
a new one), `method`, `path` and, once authenticated, `user_id`. One access line per request.
JSON lines in production, readable lines in development.
"""

import logging
import re
import sys
import time
import uuid
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


def _request_id(scope: Scope) -> str:
    for name, value in scope.get("headers", ()):
        if name == REQUEST_ID_HEADER and _VALID_REQUEST_ID.match(value):
            return str(value.decode())
    return uuid.uuid4().hex


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
        tokens = structlog.contextvars.bind_contextvars(
            request_id=request_id, method=scope.get("method", "WS"), path=path
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
                # Something the request needs is down (docs/decisions/0072): retryable, not a bug.
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
                fields: dict[str, Any] = {
                    "status": status,
                    "duration_ms": round((time.perf_counter() - started) * 1000, 2),
                }
                user_id = scope["state"].get("user_id")
                if user_id is not None:
                    fields["user_id"] = str(user_id)
                access_logger.info("request", **fields)
            structlog.contextvars.reset_contextvars(**tokens)


def _is_probe(path: str) -> bool:
    return path in ("/health", "/ready")
