"""What people sign in with: an Uzbek phone, an e-mail address, or a child's username.

Each is normalised once, at the edge (the request schemas), so the rest of the code compares plain
strings: phones as `+998XXXXXXXXX`, e-mail in lower case, usernames folded (Uzbek apostrophes too).
Digits are ASCII only: `\\d` would also take fullwidth or Arabic-Indic digits, and `+998９０...`
would become a second identity beside `+99890...`.
"""

import re
from typing import Annotated

from email_validator import EmailNotValidError, validate_email
from pydantic import AfterValidator, StringConstraints

from alif.text import fold_for_comparison, normalize_phone

_USERNAME = re.compile(r"^[a-z0-9\u02bb\u02bc_.]{3,32}$")


def is_phone(identifier: str) -> bool:
    return identifier.startswith("+")


def normalize_identifier(raw: str) -> str:
    """A phone number or an e-mail address, normalised; anything else is refused."""
    raw = raw.strip()
    if "@" not in raw:
        return normalize_phone(raw)
    try:
        return validate_email(raw, check_deliverability=False).normalized.lower()
    except EmailNotValidError as error:
        raise ValueError("Enter a valid e-mail address or an Uzbek phone number") from error


def normalize_username(raw: str) -> str:
    username = fold_for_comparison(raw)
    if not _USERNAME.match(username):
        raise ValueError(
            "A username has 3 to 32 letters, digits, dots or underscores, without spaces"
        )
    return username


Identifier = Annotated[
    str,
    StringConstraints(max_length=254),
    AfterValidator(normalize_identifier),
]
Username = Annotated[str, StringConstraints(max_length=64), AfterValidator(normalize_username)]
Pin = Annotated[str, StringConstraints(pattern=r"^[0-9]{4,6}$")]
OneTimeCode = Annotated[str, StringConstraints(pattern=r"^[0-9]{6}$")]
Password = Annotated[str, StringConstraints(min_length=8, max_length=128)]
# A subject a teacher teaches ("Matematika"): each one bounded, not only how many there are.
Subject = Annotated[str, StringConstraints(min_length=1, max_length=100)]
