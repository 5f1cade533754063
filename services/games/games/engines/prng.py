"""sfc32, the one pseudo-random generator both engines draw from, and its seed derivation.

Chosen because it is exactly reproducible in TypeScript with 32-bit integer arithmetic (adds,
shifts, xors; no multiplications), has 128 bits of state and passes PractRand. The TypeScript twin
is `frontends/packages/game-engines/src/prng.ts`; `docs/games.md` is the specification.
"""

import re

MASK = 0xFFFF_FFFF
WARM_UP = 12  # outputs discarded after seeding, so similar seeds give unrelated streams
SEED_PATTERN = re.compile(r"[0-9a-f]{32}")


class InvalidSeed(ValueError):
    pass


class Sfc32:
    __slots__ = ("_a", "_b", "_c", "_d")

    def __init__(self, seed: str) -> None:
        """The seed is 32 lower-case hex digits (128 bits): four big-endian 32-bit words a, b, c,
        d, in that order; then `WARM_UP` outputs are discarded."""
        if not SEED_PATTERN.fullmatch(seed):
            raise InvalidSeed("a seed is 32 lower-case hexadecimal digits")
        self._a, self._b, self._c, self._d = (int(seed[i : i + 8], 16) for i in range(0, 32, 8))
        for _ in range(WARM_UP):
            self.next_u32()

    def next_u32(self) -> int:
        a, b, c, d = self._a, self._b, self._c, self._d
        t = (a + b + d) & MASK
        self._d = (d + 1) & MASK
        self._a = b ^ (b >> 9)
        self._b = (c + (c << 3)) & MASK
        c = ((c << 21) | (c >> 11)) & MASK
        self._c = (c + t) & MASK
        return t

    def below(self, n: int) -> int:
        """An integer in [0, n): the high part of a 32×32-bit product (Lemire's multiply-shift,
        without rejection). Its bias is under n / 2**32, far below anything a player notices, and
        it costs one draw, which keeps the specification short."""
        return (self.next_u32() * n) >> 32
