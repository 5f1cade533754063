"""One error model and one envelope for every failure.

`{"error": {"code": "lesson_not_found", "message": "...", "details": {...}}, "request_id": "..."}`

Domain errors subclass the HTTP-shaped bases below; the code is derived from the class name
(`LessonNotFound` -> `lesson_not_found`) unless a class sets it. Frontends translate by code.
"""

import re
from collections.abc import Mapping
from typing import Any, ClassVar

import structlog
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel
from starlette.exceptions import HTTPException as StarletteHTTPException

logger = structlog.get_logger("alif.errors")


def _snake_case(name: str) -> str:
    return re.sub(r"(?<!^)(?=[A-Z])", "_", name).lower()


class AppError(Exception):
    status_code: ClassVar[int] = 400
    code: ClassVar[str] = ""
    message: ClassVar[str] = "The request could not be completed."
    # A failed attempt that must be counted even though the request fails (see alif.db).
    commit_changes: ClassVar[bool] = False

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        if "code" not in cls.__dict__:
            cls.code = _snake_case(cls.__name__)

    def __init__(
        self,
        message: str | None = None,
        *,
        details: Mapping[str, Any] | None = None,
        headers: Mapping[str, str] | None = None,
    ) -> None:
        self.detail_message = message or self.message
        self.details = dict(details or {})
        self.headers = dict(headers or {})
        super().__init__(self.detail_message)


class BadRequest(AppError):
    status_code = 400
    message = "The request is not valid."


class Unauthorized(AppError):
    status_code = 401
    message = "Please log in."

    def __init__(self, message: str | None = None, **kwargs: Any) -> None:
        kwargs.setdefault("headers", {"WWW-Authenticate": "Bearer"})
        super().__init__(message, **kwargs)


class Forbidden(AppError):
    status_code = 403
    message = "You are not allowed to do this."


class NotFound(AppError):
    status_code = 404
    message = "Not found."


class Conflict(AppError):
    status_code = 409
    message = "This conflicts with the current state."


class Unprocessable(AppError):
    status_code = 422
    message = "The request could not be processed."


class TooManyRequests(AppError):
    status_code = 429
    message = "Too many attempts. Please wait and try again."

    def __init__(self, retry_after: int, message: str | None = None) -> None:
        super().__init__(
            message,
            details={"retry_after": retry_after},
            headers={"Retry-After": str(retry_after)},
        )


class ServiceUnavailable(AppError):
    status_code = 503
    message = "This service is temporarily unavailable."


class NotConfigured(ServiceUnavailable):
    """A feature whose provider credentials are not set: say so, never fake a result."""

    message = "This feature is not configured on this server."


class ErrorDetail(BaseModel):
    code: str
    message: str
    details: dict[str, Any] = {}


class ErrorBody(BaseModel):
    """The error envelope, declared once so OpenAPI and the generated clients know it."""

    error: ErrorDetail
    request_id: str | None = None


def error_responses(*status_codes: int) -> dict[int | str, dict[str, Any]]:
    """`responses=` for a route: the listed statuses answer with the error envelope."""
    return {code: {"model": ErrorBody} for code in status_codes}


def request_id_of(request: Request) -> str | None:
    request_id = request.scope.get("state", {}).get("request_id")
    return str(request_id) if request_id else None


def error_response(
    request: Request,
    status_code: int,
    code: str,
    message: str,
    details: Mapping[str, Any] | None = None,
    headers: Mapping[str, str] | None = None,
) -> JSONResponse:
    body = ErrorBody(
        error=ErrorDetail(code=code, message=message, details=dict(details or {})),
        request_id=request_id_of(request),
    )
    return JSONResponse(body.model_dump(), status_code=status_code, headers=dict(headers or {}))


_HTTP_CODES = {
    401: ("unauthorized", "Please log in."),
    403: ("forbidden", "You are not allowed to do this."),
    404: ("not_found", "There is nothing at this address."),
    405: ("method_not_allowed", "This address does not accept this method."),
    413: ("payload_too_large", "The request is too large."),
}


async def _app_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, AppError)
    logger.info("request_failed", code=exc.code, status=exc.status_code)
    return error_response(
        request, exc.status_code, exc.code, exc.detail_message, exc.details, exc.headers
    )


def _field_errors(exc: RequestValidationError) -> list[dict[str, Any]]:
    # Only location, message and type: the rejected input may be a password or a PIN.
    return [
        {
            "field": ".".join(str(p) for p in e["loc"] if p != "body"),
            "message": e["msg"],
            "type": e["type"],
        }
        for e in exc.errors()
    ]


async def _validation_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    return error_response(
        request,
        422,
        "validation_error",
        "Some fields are missing or not valid.",
        {"fields": _field_errors(exc)},
    )


async def _http_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, StarletteHTTPException)
    code, message = _HTTP_CODES.get(exc.status_code, ("http_error", str(exc.detail)))
    return error_response(request, exc.status_code, code, message, headers=exc.headers)


def install_error_handlers(app: FastAPI) -> None:
    """Unhandled exceptions are answered by the request middleware (`alif.logging`)."""
    app.add_exception_handler(AppError, _app_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(StarletteHTTPException, _http_error)
