import { signedOutApi } from "@alif/testing";
import { screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import NotFound from "../src/not-found.tsx";
import { renderInApp } from "./render.tsx";

describe("NotFound", () => {
  it("names the page in a heading and leads home", async () => {
    await renderInApp(<NotFound />, signedOutApi(), "/no/such/page");
    expect(
      await screen.findByRole("heading", { level: 1, name: "Bu sahifa topilmadi" }),
    ).toBeInTheDocument();
    expect(screen.getByRole("link", { name: "Bosh sahifaga" })).toHaveAttribute("href", "/");
  });
});
