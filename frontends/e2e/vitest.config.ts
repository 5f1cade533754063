import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["*.e2e.ts"],
    environment: "node",
    globalSetup: ["./platform.ts"],
    // One browser flow after another: the machine is small and the flows share the platform.
    fileParallelism: false,
    testTimeout: 240_000,
    hookTimeout: 240_000,
    bail: 1,
  },
});
