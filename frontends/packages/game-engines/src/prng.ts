/**
 * sfc32, the pseudo-random generator both engines draw from, and its seed derivation.
 * Bit-for-bit twin of services/games/games/engines/prng.py; specification: docs/games.md §2.
 */

export const WARM_UP = 12;
const SEED_PATTERN = /^[0-9a-f]{32}$/;

export class InvalidSeed extends Error {}

export class Sfc32 {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  /** The seed is 32 lower-case hex digits: four big-endian 32-bit words a, b, c, d. */
  constructor(seed: string) {
    if (!SEED_PATTERN.test(seed))
      throw new InvalidSeed("a seed is 32 lower-case hexadecimal digits");
    this.a = parseInt(seed.slice(0, 8), 16) | 0;
    this.b = parseInt(seed.slice(8, 16), 16) | 0;
    this.c = parseInt(seed.slice(16, 24), 16) | 0;
    this.d = parseInt(seed.slice(24, 32), 16) | 0;
    for (let i = 0; i < WARM_UP; i++) this.nextU32();
  }

  /** The next output, an unsigned 32-bit integer. */
  nextU32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** An integer in [0, n): floor(u32 × n / 2^32), exact in doubles for n < 2^21. */
  below(n: number): number {
    return Math.floor((this.nextU32() * n) / 4294967296);
  }
}
