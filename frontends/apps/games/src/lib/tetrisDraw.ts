import { CELLS, type Kind, type Tetris, VISIBLE_HEIGHT, WIDTH } from "@alif/game-engines";

export const COLORS: Record<string, string> = {
  I: "#22d3ee",
  J: "#3b82f6",
  L: "#f97316",
  O: "#facc15",
  S: "#22c55e",
  T: "#a855f7",
  Z: "#ef4444",
  G: "#94a3b8",
};

function block(ctx: CanvasRenderingContext2D, x: number, y: number, size: number, color: string) {
  const gap = Math.max(1, Math.round(size / 14));
  ctx.fillStyle = color;
  ctx.beginPath();
  ctx.roundRect(x + gap, y + gap, size - 2 * gap, size - 2 * gap, size / 5);
  ctx.fill();
  ctx.fillStyle = "rgba(255,255,255,0.28)";
  ctx.beginPath();
  ctx.roundRect(x + gap * 2, y + gap * 2, size - 4 * gap, size / 4, size / 8);
  ctx.fill();
}

/** The visible field (rows 0 to 19), the ghost where the piece would land, and the piece. */
export function drawField(ctx: CanvasRenderingContext2D, game: Tetris, size: number): void {
  const height = VISIBLE_HEIGHT * size;
  ctx.fillStyle = "#17403d";
  ctx.fillRect(0, 0, WIDTH * size, height);
  ctx.strokeStyle = "rgba(255,255,255,0.06)";
  ctx.lineWidth = 1;
  for (let x = 1; x < WIDTH; x++) {
    ctx.beginPath();
    ctx.moveTo(x * size + 0.5, 0);
    ctx.lineTo(x * size + 0.5, height);
    ctx.stroke();
  }
  for (let y = 0; y < VISIBLE_HEIGHT; y++) {
    const row = game.row(y);
    for (let x = 0; x < WIDTH; x++) {
      const cell = row[x];
      if (cell && cell !== ".")
        block(ctx, x * size, (VISIBLE_HEIGHT - 1 - y) * size, size, COLORS[cell] ?? "#fff");
    }
  }
  if (game.over) return;
  const cells = game.pieceCells();
  const drop = game.dropDistance();
  ctx.strokeStyle = "rgba(255,255,255,0.55)";
  ctx.lineWidth = 2;
  for (const [x, y] of cells) {
    const ghostY = y - drop;
    if (ghostY < VISIBLE_HEIGHT && drop > 0) {
      ctx.strokeRect(x * size + 3, (VISIBLE_HEIGHT - 1 - ghostY) * size + 3, size - 6, size - 6);
    }
  }
  for (const [x, y] of cells) {
    if (y < VISIBLE_HEIGHT)
      block(ctx, x * size, (VISIBLE_HEIGHT - 1 - y) * size, size, COLORS[game.kind] ?? "#fff");
  }
}

/** A piece in its spawn rotation, for the hold box and the queue. */
export function pieceShape(kind: Kind): {
  cells: (readonly [number, number])[];
  width: number;
  height: number;
} {
  const cells = CELLS[kind][0] ?? [];
  const xs = cells.map(([c]) => c);
  const ys = cells.map(([, r]) => r);
  const minX = Math.min(...xs);
  const minY = Math.min(...ys);
  return {
    cells: cells.map(([c, r]) => [c - minX, r - minY] as const),
    width: Math.max(...xs) - minX + 1,
    height: Math.max(...ys) - minY + 1,
  };
}
