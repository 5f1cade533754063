import { defineConfig, mergeConfig } from "vitest/config";
import { appConfig } from "../../vite.shared.ts";

export default mergeConfig(
  appConfig({ app: "crm" }),
  defineConfig({
    test: {
      environment: "jsdom",
      include: ["test/**/*.test.{ts,tsx}"],
      setupFiles: ["./test/setup.ts"],
      // A page test clicks through a whole flow; on a shared, busy machine that can pass 5 s.
      testTimeout: 20_000,
    },
  }),
);
