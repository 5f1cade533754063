"""The shared request types: what a client sends is read one way in every service."""

from datetime import UTC, datetime

import pytest
from pydantic import Field, ValidationError

from alif.schemas import DateTime, RequestModel


class Window(RequestModel):
    title: str = ""
    tags: list[str] = Field(default_factory=list)
    opens_at: DateTime | None = None


def test_a_date_time_without_an_offset_is_tashkent_time() -> None:
    naive = Window.model_validate({"opens_at": "2026-12-20T10:00:00"})
    aware = Window.model_validate({"opens_at": "2026-12-20T10:00:00+05:00"})
    assert naive.opens_at == aware.opens_at == datetime(2026, 12, 20, 5, 0, tzinfo=UTC)
    assert naive.opens_at is not None and naive.opens_at.tzinfo is UTC


@pytest.mark.parametrize(
    "body",
    [
        {"title": "Ali\x00"},
        {"tags": ["ok", "\x1b[31m"]},
        {"title": "bell\x07"},
        {"x\x00": 1},
        # bidirectional overrides and isolates: "Ali\u202egpj.exe" shows as "Aliexe.jpg"
        {"title": "Ali\u202egpj.exe"},
        {"tags": ["\u2066Vali\u2069"]},
    ],
)
def test_control_characters_are_refused_anywhere_in_a_body(body: dict[str, object]) -> None:
    with pytest.raises(ValidationError) as refused:
        Window.model_validate(body)
    assert refused.value.errors()[0]["type"] == "control_characters"


def test_line_breaks_and_tabs_are_text() -> None:
    assert Window.model_validate({"title": "Savol:\n\t1) bir"}).title == "Savol:\n\t1) bir"


@pytest.mark.parametrize(
    "text",
    [
        "Oʻzbekiston",  # U+02BB, the official letter sign
        "O'zbekiston",  # the typewriter apostrophe
        "O’zbekiston",  # U+2019, the typographic one
        "O‘zbekiston",  # U+2018
        "O`zbekiston",  # the backtick phones type
        "Oʼzbekiston",  # U+02BC
        "Laylo 🦊👨‍👩‍👧",  # an emoji, and a family joined with zero-width joiners
        "مرحبا\u200f",  # Arabic script with its right-to-left mark
    ],
)
def test_every_apostrophe_emoji_and_right_to_left_text_is_kept_as_typed(text: str) -> None:
    assert Window.model_validate({"title": text}).title == text
