import { screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { olympiad, page, student, studentProfile } from "./fixtures.ts";
import { apiError, renderApp, signedInApi, signedOutApi } from "./harness.tsx";

const certificate = {
  code: "ABCD-EFGH-JKLM",
  kind: "diploma",
  language: "uz",
  holder_name: "Ali Karimov",
  title: "Kenguru matematika",
  achievement: "Oltin diplom, 1-oʻrin",
  issuer: "ALIF24",
  issued_at: "2030-03-05T10:00:00Z",
  valid: true,
  revoked_at: null,
};

describe("results and certificates", () => {
  it("verifies a certificate for anyone who has its code, signed in or not", async () => {
    const api = signedOutApi().on("GET /api/olimp/certificates/ABCD-EFGH-JKLM", certificate);
    await renderApp("/certificates/ABCD-EFGH-JKLM", api);
    expect(await screen.findByText("✓ Bu sertifikat haqiqiy")).toBeInTheDocument();
    expect(screen.getByText("Ali Karimov")).toBeInTheDocument();
    expect(screen.getByRole("link", { name: /PDF yuklab olish/ })).toHaveAttribute(
      "href",
      "/api/olimp/certificates/ABCD-EFGH-JKLM/pdf",
    );
  });

  it("says so when a code matches no certificate", async () => {
    const api = signedOutApi().on("GET /api/olimp/certificates/:code", () =>
      apiError(404, "certificate_not_found"),
    );
    await renderApp("/certificates/FAKE-CODE", api);
    expect(await screen.findByText("Bunday sertifikat topilmadi")).toBeInTheDocument();
    expect(screen.queryByText(/haqiqiy/)).not.toBeInTheDocument();
  });

  it("shows my place, award and diploma once the results are published", async () => {
    const api = signedInApi(student, studentProfile)
      .on("GET /api/olimp/olympiads/o1", olympiad({ state: "results_published" }))
      .on(
        "GET /api/olimp/olympiads/o1/registrations",
        page([
          {
            id: "reg1",
            olympiad_id: "o1",
            student_id: "s1",
            grade: 6,
            region: null,
            district: "",
            school: "",
            created_at: "2030-02-15T10:00:00Z",
          },
        ]),
      )
      .on("GET /api/olimp/olympiads/o1/results/mine", {
        student_id: "s1",
        published: true,
        review_allowed: false,
        rounds: [
          {
            round_id: "r1",
            number: 1,
            participants: 40,
            qualified: false,
            score: 27,
            rank: 1,
            percentile: 97.5,
            award: "gold",
          },
        ],
        certificate: { code: "ABCD-EFGH-JKLM", kind: "diploma", award: "gold", prize: 100 },
      });
    await renderApp("/olympiads/o1", api);
    expect(await screen.findByText(/1-oʻrin \/ 40/)).toBeInTheDocument();
    expect(screen.getByText(/Oltin/)).toBeInTheDocument();
    expect(screen.getByRole("link", { name: /Diplomni yuklab olish/ })).toHaveAttribute(
      "href",
      "/api/olimp/certificates/ABCD-EFGH-JKLM/pdf",
    );
  });
});
