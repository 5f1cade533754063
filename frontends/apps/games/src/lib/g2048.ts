/**
 * What a 2048 move did, for the animation only (the engine of @alif/game-engines is the truth):
 * which cells got a merged tile. The new tile is the one cell where the engine's board differs
 * from the slid board.
 */
const LINES: Record<string, number[][]> = {
  L: [0, 1, 2, 3].map((r) => [0, 1, 2, 3].map((c) => 4 * r + c)),
  R: [0, 1, 2, 3].map((r) => [3, 2, 1, 0].map((c) => 4 * r + c)),
  U: [0, 1, 2, 3].map((c) => [0, 1, 2, 3].map((r) => 4 * r + c)),
  D: [0, 1, 2, 3].map((c) => [3, 2, 1, 0].map((r) => 4 * r + c)),
};

export function slide(
  cells: readonly number[],
  move: string,
): { cells: number[]; merged: number[] } {
  const out = [...cells];
  const merged: number[] = [];
  for (const line of LINES[move] ?? []) {
    const tiles = line.map((i) => cells[i] ?? 0).filter((e) => e > 0);
    const result: number[] = [];
    for (let k = 0; k < tiles.length; k++) {
      const tile = tiles[k] ?? 0;
      if (tile === tiles[k + 1]) {
        merged.push(line[result.length] ?? 0);
        result.push(tile + 1);
        k++;
      } else {
        result.push(tile);
      }
    }
    line.forEach((cell, k) => {
      out[cell] = result[k] ?? 0;
    });
  }
  return { cells: out, merged };
}

export function spawnedCell(slid: readonly number[], after: readonly number[]): number | null {
  const index = after.findIndex((e, i) => e !== slid[i]);
  return index >= 0 ? index : null;
}

/**
 * The colours of a tile by its exponent (2 = 1, 4 = 2, ...), light to warm to deep. Every number
 * reads at 4.5:1 or more on its colour (test/tiles.test.ts checks it).
 */
export const TILE_STYLES: Record<number, string> = {
  1: "bg-[#eef6f4] text-ink",
  2: "bg-[#d6f2ec] text-ink",
  3: "bg-[#ffd66b] text-ink",
  4: "bg-[#ffc53d] text-ink",
  5: "bg-[#f5a511] text-ink",
  6: "bg-[#c2410c] text-white",
  7: "bg-[#0f766e] text-white",
  8: "bg-[#115e59] text-white",
  9: "bg-[#134e4a] text-white",
  10: "bg-[#7c3aed] text-white",
  11: "bg-[#db2777] text-white",
};
