"""Base models for request and response bodies, the page envelope, and the shared field types
that keep bad input a 422 (never a 500): text without control characters, date-times with a
time zone, integers the database can hold."""

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, timezone
from typing import Annotated, Any, Generic, TypeVar

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, model_validator
from pydantic_core import PydanticCustomError

from alif.text import normalize_phone

T = TypeVar("T")
S = TypeVar("S", bound=BaseModel)


# Uzbekistan keeps UTC+5 all year (no daylight saving since 1992).
TASHKENT = timezone(timedelta(hours=5), "Asia/Tashkent")

# C0 controls but tab, newline and carriage return; DEL; C1 controls. NUL in particular cannot be
# stored in PostgreSQL text at all. Also the bidirectional embeddings, overrides and isolates
# (U+202A-U+202E, U+2066-U+2069): a name with one shows other letters than it holds ("Trojan
# Source" spoofing). The marks (LRM, RLM, ALM) that Arabic-script text may need stay allowed.
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def _strings(value: Any, path: str = "") -> Iterator[tuple[str, str]]:
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _strings(key, path)
            yield from _strings(item, f"{path}.{key}" if path else str(key))
    elif isinstance(value, list | tuple):
        for index, item in enumerate(value):
            yield from _strings(item, f"{path}.{index}" if path else str(index))


def has_control_characters(text: str) -> bool:
    return CONTROL_CHARACTERS.search(text) is not None


# An Uzbek phone in a request, stored as +998XXXXXXXXX however it was typed.
Phone = Annotated[str, AfterValidator(normalize_phone)]


class RequestModel(BaseModel):
    """Unknown fields are refused, so a client can never slip in `role` or `status`; no text
    anywhere in the body (nested, in lists, in keys) may carry control characters."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    @model_validator(mode="before")
    @classmethod
    def _no_control_characters(cls, data: Any) -> Any:
        for path, text in _strings(data):
            if has_control_characters(text):
                raise PydanticCustomError(
                    "control_characters",
                    "Text may not contain control characters (at {path}).",
                    {"path": path or "body"},
                )
        return data


def _with_time_zone(value: datetime) -> datetime:
    return (value if value.tzinfo else value.replace(tzinfo=TASHKENT)).astimezone(UTC)


# A date-time in a request: one without an offset (a browser's datetime-local field) is read as
# Tashkent time, consistently everywhere; the service always sees an aware UTC value.
DateTime = Annotated[datetime, AfterValidator(_with_time_zone)]

# What an `Integer` column holds: anything larger would fail in the database, not in validation.
INT32_MAX = 2**31 - 1
SortOrder = Annotated[int, Field(ge=0, le=1_000_000)]


class ResponseModel(BaseModel):
    model_config = ConfigDict(from_attributes=True)


class PageParams(BaseModel):
    limit: int = Field(default=20, ge=1, le=100)
    offset: int = Field(default=0, ge=0, le=1_000_000)


class Page(BaseModel, Generic[T]):
    items: list[T]
    total: int
    limit: int
    offset: int


@dataclass(frozen=True)
class Found(Generic[T]):
    """One page of rows, as a service returns them, and how many match in all."""

    items: list[T]
    total: int


def page_of(found: Found[T], params: PageParams, read: Callable[[T], S]) -> Page[S]:
    """A page of responses: each row through `read` (a schema's `model_validate` or a function)."""
    return Page(
        items=[read(item) for item in found.items],
        total=found.total,
        limit=params.limit,
        offset=params.offset,
    )
