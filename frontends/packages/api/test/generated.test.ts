import { describe, expect, it } from "vitest";
import { stale } from "../scripts/generate.mjs";

describe("generated clients", () => {
  it("match the committed OpenAPI documents (run `make client` after an API change)", async () => {
    expect(await stale()).toEqual([]);
  }, 30_000);
});
