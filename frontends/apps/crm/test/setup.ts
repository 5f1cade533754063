import "@testing-library/jest-dom/vitest";
import { cleanup, configure } from "@testing-library/react";
import { afterEach } from "vitest";

// The first page of a file compiles its lazy chunks while the test waits: on a busy machine that
// takes longer than the default second.
configure({ asyncUtilTimeout: 10000 });

afterEach(() => {
  cleanup();
  globalThis.localStorage?.clear();
  globalThis.sessionStorage?.clear();
});
