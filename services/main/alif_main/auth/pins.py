"""Wrong PINs: a lock per child that grows with every wrong PIN, and what the parent is told.

A 4-digit PIN has 10,000 values. Five wrong PINs in a row lock the child for a minute, then each
further wrong PIN locks longer (5 minutes, 15, an hour, a day); the count is forgotten a day after
the last wrong PIN, or at once by a right PIN or a new PIN from the parent. A patient guesser gets
about eight tries a day: years for the whole space, not the three weeks a fixed window allowed.

The count is kept per username, whether or not the username exists, so the answers are the same
for a stranger typing usernames at random (they never learn which ones are children's).
"""

from dataclasses import dataclass
from datetime import datetime, timedelta

from alif.cache import Cache
from alif.db import utcnow

FREE_TRIES = 5
LOCK_SECONDS = (60, 300, 900, 3600, 86400)  # after the 5th, 6th, 7th, 8th, 9th+ wrong PIN
MEMORY_SECONDS = 86400


@dataclass(frozen=True)
class PinState:
    failed_attempts: int
    locked_until: datetime | None

    @property
    def attempts_left(self) -> int:
        """Tries before the next lock (0 while a lock is on)."""
        if self.locked_until is not None:
            return 0
        if self.failed_attempts < FREE_TRIES:
            return FREE_TRIES - self.failed_attempts
        return 1  # after a lock has passed, every wrong PIN locks again, for longer

    def retry_after(self, now: datetime) -> int:
        if self.locked_until is None:
            return 0
        return max(1, round((self.locked_until - now).total_seconds()))


class PinGuard:
    def __init__(self, cache: Cache) -> None:
        self._cache = cache

    @staticmethod
    def _keys(username: str) -> tuple[str, str]:
        return f"pin-fails:{username}", f"pin-lock:{username}"

    async def state(self, username: str) -> PinState:
        count_key, lock_key = self._keys(username)
        count = await self._cache.get(count_key)
        until = await self._cache.get(lock_key)
        locked_until = datetime.fromisoformat(until) if until else None
        if locked_until is not None and locked_until <= utcnow():
            locked_until = None
        return PinState(int(count or 0), locked_until)

    async def failed(self, username: str) -> PinState:
        """Count a wrong PIN and lock when it is one too many."""
        count_key, lock_key = self._keys(username)
        count = await self._cache.incr(count_key, MEMORY_SECONDS)
        await self._cache.expire(count_key, MEMORY_SECONDS)
        if count < FREE_TRIES:
            return PinState(count, None)
        seconds = LOCK_SECONDS[min(count - FREE_TRIES, len(LOCK_SECONDS) - 1)]
        locked_until = utcnow() + timedelta(seconds=seconds)
        await self._cache.set(lock_key, locked_until.isoformat(), seconds)
        return PinState(count, locked_until)

    async def clear(self, username: str) -> None:
        await self._cache.delete(*self._keys(username))
