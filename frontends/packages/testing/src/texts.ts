/**
 * Checks every app runs on its texts: Russian and English have every Uzbek key, and every key the
 * code asks for with a literal `t("...")` exists. Node only (it reads the app's sources).
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import common from "@alif/i18n/locales/uz.json";

export type Texts = { [key: string]: string | Texts };

export const keysOf = (tree: Texts, prefix = ""): string[] =>
  Object.entries(tree).flatMap(([k, v]) =>
    typeof v === "string" ? [prefix + k] : keysOf(v, `${prefix}${k}.`),
  );

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) return sources(full);
    return full.endsWith(".tsx") || full.endsWith(".ts") ? [full] : [];
  });
}

/** `file: key` for every literal key in `sourceDir` that neither the app's texts nor common have. */
export function unknownKeys(sourceDir: string, namespace: string, uz: Texts): string[] {
  const known = new Set([
    ...keysOf(uz),
    ...keysOf(common).map((k) => `common:${k}`),
    ...keysOf(common),
  ]);
  const missing: string[] = [];
  for (const file of sources(sourceDir)) {
    for (const match of readFileSync(file, "utf8").matchAll(/\bt\(\s*"([^"]+)"/g)) {
      const key = match[1] ?? "";
      if (!known.has(key) && !known.has(key.replace(new RegExp(`^${namespace}:`), ""))) {
        missing.push(`${file}: ${key}`);
      }
    }
  }
  return missing;
}
