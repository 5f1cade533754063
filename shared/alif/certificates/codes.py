"""Verification codes: 60 random bits in Crockford's base32, printed as XXXX-XXXX-XXXX.

Crockford's alphabet leaves out I, L, O and U, so a code typed from paper survives the usual
misreadings (O for 0, I or L for 1), and a lower-case or unhyphenated code is the same code.
"""

import re
import secrets

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
LENGTH = 12  # 60 bits: guessing one of a million issued codes takes ~10^12 tries
_MISREAD = str.maketrans({"O": "0", "I": "1", "L": "1"})
_SEPARATORS = re.compile(r"[\s\-]")


def _grouped(raw: str) -> str:
    return "-".join(raw[i : i + 4] for i in range(0, LENGTH, 4))


def new_code() -> str:
    return _grouped("".join(secrets.choice(ALPHABET) for _ in range(LENGTH)))


def normalise_code(typed: str) -> str | None:
    """The stored form of a code as a person typed it, or None when it cannot be one."""
    raw = _SEPARATORS.sub("", typed).upper().translate(_MISREAD)
    if len(raw) != LENGTH or any(c not in ALPHABET for c in raw):
        return None
    return _grouped(raw)
