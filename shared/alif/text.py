"""Uzbek text: one normaliser for every apostrophe look-alike.

Oʻ and Gʻ are a base letter plus U+02BB (MODIFIER LETTER TURNED COMMA); the tutuq belgisi is
U+02BC (MODIFIER LETTER APOSTROPHE). People type either as ' ‘ ’ ` ʻ ʼ (and phones add more), so
every Uzbek input goes through `normalize_uzbek` before it is stored, searched or compared.
The web apps mirror this function in `@alif/i18n`; both are tested against the same cases.
"""

import re
import unicodedata

from sqlalchemy import ColumnElement, ColumnExpressionArgument, func, or_

TURNED_COMMA = "\u02bb"  # ʻ in oʻ, gʻ
TUTUQ = "\u02bc"  # ʼ in maʼno

APOSTROPHES = "'`\u2018\u2019\u02bb\u02bc\u00b4\u02b9\u2032"
_APOSTROPHE = re.compile(f"[{re.escape(APOSTROPHES)}]")
_SPACES = re.compile(r"\s+")


def _canonical_mark(match: re.Match[str]) -> str:
    start = match.start()
    return TURNED_COMMA if start and match.string[start - 1] in "OoGg" else TUTUQ


def normalize_uzbek(text: str) -> str:
    """NFC, then an apostrophe after o/g becomes U+02BB and any other becomes U+02BC."""
    return _APOSTROPHE.sub(_canonical_mark, unicodedata.normalize("NFC", text))


def fold_for_comparison(text: str) -> str:
    """The form two answers are compared in: normalised, case-folded, spaces collapsed."""
    return _SPACES.sub(" ", normalize_uzbek(text)).strip().casefold()


def strip_marks(text: str) -> str:
    """For search only: `oʻzbek` also matches a query typed as `ozbek`."""
    return fold_for_comparison(text).replace(TURNED_COMMA, "").replace(TUTUQ, "")


def contains(column: ColumnExpressionArgument[str], query: str) -> ColumnElement[bool]:
    """A search predicate: `column` contains `query`, without case, the query's apostrophes typed
    any way (stored Uzbek text has the canonical ones; Russian and English keep their own)."""
    query = query.strip()
    lowered = func.lower(column)
    words = {query.lower(), normalize_uzbek(query).lower()}
    return or_(*(lowered.contains(word, autoescape=True) for word in sorted(words)))


_PHONE_NOISE = re.compile(r"[\s\-().]")
# ASCII digits only: `\d` would also take fullwidth or Arabic-Indic digits, and `+998９０...`
# would become a second identity beside `+99890...`.
_UZ_PHONE = re.compile(r"^(?:\+?998)?([0-9]{9})$")


def normalize_phone(raw: str) -> str:
    """An Uzbek phone as `+998XXXXXXXXX`, however it was typed; anything else is a ValueError."""
    match = _UZ_PHONE.match(_PHONE_NOISE.sub("", raw))
    if not match:
        raise ValueError("Enter an Uzbek phone number: +998 and 9 digits")
    return f"+998{match.group(1)}"
