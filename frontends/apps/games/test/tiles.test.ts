import { describe, expect, it } from "vitest";
import { TILE_STYLES } from "../src/lib/g2048.ts";

const INK = "#1f2a37"; // --color-ink in @alif/ui's styles.css

function luminance(hex: string): number {
  const [r = 0, g = 0, b = 0] = [1, 3, 5].map((i) => {
    const c = Number.parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

function contrast(a: string, b: string): number {
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (light + 0.05) / (dark + 0.05);
}

describe("2048 tiles", () => {
  it.each(Object.entries(TILE_STYLES))("tile 2^%s reads at 4.5:1 or more", (_, style) => {
    const background = /bg-\[(#[0-9a-f]{6})\]/.exec(style)?.[1] ?? "";
    const text = style.includes("text-white") ? "#ffffff" : INK;
    expect(style).toMatch(/text-(white|ink)\b/);
    expect(contrast(background, text)).toBeGreaterThanOrEqual(4.5);
  });

  it("has a colour for every tile up to 2048", () => {
    expect(Object.keys(TILE_STYLES).map(Number)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
  });
});
