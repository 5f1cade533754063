import { screen } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";
import { ErrorBoundary } from "../src/index.ts";
import { renderWithI18n } from "./render.tsx";

function Broken(): never {
  throw new Error("boom");
}

describe("ErrorBoundary", () => {
  it("shows a kind message and a reload button instead of a blank page", async () => {
    vi.spyOn(console, "error").mockImplementation(() => {});
    await renderWithI18n(
      <ErrorBoundary>
        <Broken />
      </ErrorBoundary>,
    );
    expect(screen.getByText("Sahifa ochilmadi")).toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Qayta yuklash" })).toBeInTheDocument();
    vi.restoreAllMocks();
  });
});
