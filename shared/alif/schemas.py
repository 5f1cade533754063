"""Base models for request and response bodies, and the page envelope."""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Annotated, Generic, TypeVar

from pydantic import AfterValidator, BaseModel, ConfigDict, Field

from alif.text import normalize_phone

T = TypeVar("T")
S = TypeVar("S", bound=BaseModel)


# An Uzbek phone in a request, stored as +998XXXXXXXXX however it was typed.
Phone = Annotated[str, AfterValidator(normalize_phone)]


class RequestModel(BaseModel):
    """Unknown fields are refused, so a client can never slip in `role` or `status`."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


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
