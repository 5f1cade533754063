// @vitest-environment node
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import common from "../../../packages/i18n/src/locales/uz.json";
import en from "../src/locales/en.json";
import ru from "../src/locales/ru.json";
import uz from "../src/locales/uz.json";

type Tree = { [key: string]: string | Tree };
const keys = (tree: Tree, prefix = ""): string[] =>
  Object.entries(tree).flatMap(([k, v]) =>
    typeof v === "string" ? [prefix + k] : keys(v, `${prefix}${k}.`),
  );

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name);
    return statSync(full).isDirectory()
      ? sources(full)
      : full.endsWith(".tsx") || full.endsWith(".ts")
        ? [full]
        : [];
  });
}

describe("the games app's texts", () => {
  it("exist in Russian and English for every Uzbek key", () => {
    expect(keys(ru).sort()).toEqual(keys(uz).sort());
    expect(keys(en).sort()).toEqual(keys(uz).sort());
  });

  it("cover every literal key the code asks for", () => {
    const known = new Set([
      ...keys(uz),
      ...keys(common).map((k) => `common:${k}`),
      ...keys(common),
    ]);
    const missing: string[] = [];
    for (const file of sources(join(import.meta.dirname, "../src"))) {
      const text = readFileSync(file, "utf8");
      for (const match of text.matchAll(/\bt\(\s*"([^"]+)"/g)) {
        const key = match[1] ?? "";
        if (!known.has(key) && !known.has(key.replace(/^games:/, "")))
          missing.push(`${file}: ${key}`);
      }
    }
    expect(missing).toEqual([]);
  });
});
