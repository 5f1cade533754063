// @vitest-environment node
import { join } from "node:path";
import { keysOf, unknownKeys } from "@alif/testing/texts";
import { describe, expect, it } from "vitest";
import en from "../src/locales/en.json";
import ru from "../src/locales/ru.json";
import uz from "../src/locales/uz.json";

describe("the crm app's texts", () => {
  it("exist in Russian and English for every Uzbek key", () => {
    expect(keysOf(ru).sort()).toEqual(keysOf(uz).sort());
    expect(keysOf(en).sort()).toEqual(keysOf(uz).sort());
  });

  it("cover every literal key the code asks for", () => {
    expect(unknownKeys(join(import.meta.dirname, "../src"), "crm", uz)).toEqual([]);
  });
});
