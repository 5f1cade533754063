"""Password and PIN hashing: argon2id with OWASP's parameters, off the event loop.

Hashes run in a small thread pool of their own (argon2-cffi and bcrypt release the GIL), so a burst
of logins queues there instead of freezing every other request. Hashes from the earlier system
(bcrypt) still verify and are replaced by argon2id at the next successful login.
"""

from dataclasses import dataclass
from functools import cached_property

import anyio
import bcrypt
from argon2 import PasswordHasher as Argon2Hasher
from argon2.exceptions import InvalidHashError, VerificationError
from zxcvbn.frequency_lists import FREQUENCY_LISTS

BCRYPT_MAX_BYTES = 72  # the earlier system cut input to this length before hashing


@dataclass(frozen=True)
class Verification:
    ok: bool
    needs_rehash: bool = False


class SecretHasher:
    def __init__(self, threads: int) -> None:
        # OWASP Password Storage Cheat Sheet: m=19 MiB, t=2, p=1.
        self._argon2 = Argon2Hasher(time_cost=2, memory_cost=19_456, parallelism=1)
        self._limiter = anyio.CapacityLimiter(threads)

    @cached_property
    def _decoy_hash(self) -> str:
        return self._argon2.hash("a decoy that makes unknown accounts cost the same")

    async def hash(self, secret: str) -> str:
        return await anyio.to_thread.run_sync(self._argon2.hash, secret, limiter=self._limiter)

    async def verify(self, stored_hash: str | None, secret: str) -> Verification:
        """Verify `secret`; with no stored hash, spend the same time and fail (no enumeration)."""
        return await anyio.to_thread.run_sync(
            self._verify, stored_hash, secret, limiter=self._limiter
        )

    def _verify(self, stored_hash: str | None, secret: str) -> Verification:
        if stored_hash is None:
            self._verify_argon2(self._decoy_hash, secret)
            return Verification(ok=False)
        if stored_hash.startswith(("$2a$", "$2b$", "$2y$")):
            candidate = secret.encode()[:BCRYPT_MAX_BYTES]
            try:
                ok = bcrypt.checkpw(candidate, stored_hash.encode())
            except ValueError:
                ok = False
            return Verification(ok=ok, needs_rehash=ok)
        return self._verify_argon2(stored_hash, secret)

    def _verify_argon2(self, stored_hash: str, secret: str) -> Verification:
        try:
            self._argon2.verify(stored_hash, secret)
        except (VerificationError, InvalidHashError):
            return Verification(ok=False)
        return Verification(ok=True, needs_rehash=self._argon2.check_needs_rehash(stored_hash))


_COMMON_PASSWORDS = frozenset(FREQUENCY_LISTS["passwords"][:3000])


def is_common_password(password: str) -> bool:
    """One of the 3,000 most common passwords (OWASP ASVS 6.2.4)."""
    return password.lower() in _COMMON_PASSWORDS
