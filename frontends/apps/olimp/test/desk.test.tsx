import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { olympiad } from "./fixtures.ts";
import { apiError, renderApp, signedInApi } from "./harness.tsx";

const admin = { id: "admin", role: "admin", first_name: "Admin" };
const ROUND = "/api/olimp/olympiads/o1/rounds/r1";

const question = {
  id: "q1",
  section_id: "sec1",
  position: 1,
  type: "single",
  text: "12 − 4 = ?",
  image_url: null,
  points: 3,
  options: [
    { id: "a", text: "8" },
    { id: "b", text: "7" },
  ],
  answer_key: { correct: ["b"] },
  flagged: false,
};

function appeal(over: Record<string, unknown> = {}) {
  return {
    id: "ap1",
    attempt_id: "at1",
    round_id: "r1",
    question_id: "q1",
    student_id: "s1",
    text: "12 − 4 = 8, kalit xato",
    status: "open",
    reply: "",
    created_at: "2030-03-01T10:30:00Z",
    decided_at: null,
    ...over,
  };
}

const results = {
  published: false,
  ranked_at: "2030-03-01T11:01:00Z",
  participants: 2,
  rows: [
    {
      rank: 1,
      overall_rank: 1,
      percentile: 50,
      name: "Laylo K.",
      grade: 4,
      region: "tashkent_city",
      district: "Yunusobod",
      school: "Ziyo oʻquv markazi",
      score: 12,
      seconds: 400,
      award: "gold",
      qualified: false,
      you: false,
    },
    {
      rank: 2,
      overall_rank: 2,
      percentile: 0,
      name: "Ali K.",
      grade: 2,
      region: "tashkent_city",
      district: "Yunusobod",
      school: "Ziyo oʻquv markazi",
      score: 9,
      seconds: 500,
      award: "silver",
      qualified: false,
      you: false,
    },
  ],
};

function organizerApi(state: string) {
  return signedInApi(admin)
    .on("GET /api/olimp/olympiads/o1", olympiad({ state, server_time: "2030-03-02T10:00:00Z" }))
    .on(`GET ${ROUND}/questions`, [question])
    .on(`GET ${ROUND}/attempts`, [
      {
        id: "at1",
        student_id: "s1",
        name: "Ali K.",
        started_at: "2030-03-01T09:10:00Z",
        deadline: "2030-03-01T10:10:00Z",
        submitted_at: "2030-03-01T09:30:00Z",
        score: 9,
        answered: 1,
        signals: [],
      },
    ])
    .on(`GET ${ROUND}/appeals`, [appeal()])
    .on(`GET ${ROUND}/results`, results)
    .on("GET /api/olimp/olympiads/o1/certificates", []);
}

describe("the organizer's results, appeals and certificates", () => {
  it("shows the provisional table and publishes it after a confirm", async () => {
    const api = organizerApi("finished").on("POST /api/olimp/olympiads/o1/results/publish", () =>
      apiError(409, "appeals_pending"),
    );
    await renderApp("/olympiads/o1/manage", api);
    const desk = await screen.findByTestId("results-desk");
    expect(await within(desk).findByText(/Dastlabki natijalar/)).toBeInTheDocument();
    expect(within(desk).getByText("Teng ballda: kamroq vaqt")).toBeVisible();
    const rows = within(desk).getAllByRole("row");
    expect(rows[1]).toHaveTextContent(/Laylo K\..*12.*Oltin/);
    expect(rows[2]).toHaveTextContent(/Ali K\..*9.*Kumush/);
    await userEvent.click(within(desk).getByRole("button", { name: /Natijalarni eʼlon qilish/ }));
    const dialog = await screen.findByRole("dialog");
    await userEvent.click(within(dialog).getByRole("button", { name: /Natijalarni eʼlon qilish/ }));
    expect(await screen.findByText("Baʼzi apellyatsiyalar hali koʻrib chiqilmagan.")).toBeVisible();
    expect(api.called("POST", "/api/olimp/olympiads/o1/results/publish")).toHaveLength(1);
  });

  it("accepts an appeal with the corrected key and a reply", async () => {
    const api = organizerApi("finished").on(`POST ${ROUND}/appeals/ap1/accept`, () =>
      Response.json(appeal({ status: "accepted", reply: "Toʻgʻri, kalit 8" })),
    );
    await renderApp("/olympiads/o1/manage", api);
    const desk = await screen.findByTestId("appeals-desk");
    expect(await within(desk).findByText(/Ali K\. · 1-savol/)).toBeInTheDocument();
    expect(within(desk).getByText("“12 − 4 = 8, kalit xato”")).toBeInTheDocument();
    await userEvent.click(within(desk).getByRole("button", { name: /Qabul qilish/ }));
    const dialog = await screen.findByRole("dialog");
    const decide = within(dialog).getByRole("button", { name: /Qabul qilish/ });
    expect(decide).toBeDisabled(); // a reply is required
    expect(within(dialog).getByRole("radio", { name: "7" })).toBeChecked(); // the key it has now
    await userEvent.click(within(dialog).getByRole("radio", { name: "8" }));
    await userEvent.type(within(dialog).getByLabelText(/Javobingiz/), "Toʻgʻri, kalit 8");
    await userEvent.click(decide);
    await waitFor(() => expect(api.called("POST", `${ROUND}/appeals/ap1/accept`)).toHaveLength(1));
    expect(api.called("POST", `${ROUND}/appeals/ap1/accept`)[0]?.body).toEqual({
      reply: "Toʻgʻri, kalit 8",
      correct: ["a"],
    });
  });

  it("rejects an appeal with a reason", async () => {
    const api = organizerApi("finished").on(`POST ${ROUND}/appeals/ap1/reject`, () =>
      Response.json(appeal({ status: "rejected", reply: "Kalit toʻgʻri" })),
    );
    await renderApp("/olympiads/o1/manage", api);
    const desk = await screen.findByTestId("appeals-desk");
    await userEvent.click(await within(desk).findByRole("button", { name: "Rad etish" }));
    const dialog = await screen.findByRole("dialog");
    await userEvent.type(within(dialog).getByLabelText(/Javobingiz/), "Kalit toʻgʻri");
    await userEvent.click(within(dialog).getByRole("button", { name: "Rad etish" }));
    await waitFor(() => expect(api.called("POST", `${ROUND}/appeals/ap1/reject`)).toHaveLength(1));
    expect(api.called("POST", `${ROUND}/appeals/ap1/reject`)[0]?.body).toEqual({
      reply: "Kalit toʻgʻri",
    });
  });

  it("lists the certificates once published and revokes one after a confirm", async () => {
    let revoked: string | null = null;
    const certificate = () => ({
      code: "ABCD-EFGH-JKLM",
      student_id: "s1",
      kind: "diploma",
      holder_name: "Ali Karimov",
      achievement: "1-oʻrin · Oltin diplom",
      award: "gold",
      rank: 1,
      prize: 100,
      issued_at: "2030-03-03T10:00:00Z",
      revoked_at: revoked,
    });
    const api = organizerApi("results_published")
      .on(`GET ${ROUND}/results`, { ...results, published: true })
      .on("GET /api/olimp/olympiads/o1/certificates", () => Response.json([certificate()]))
      .on("POST /api/olimp/olympiads/o1/certificates/:code/revoke", () => {
        revoked = "2030-03-04T10:00:00Z";
        return Response.json(certificate());
      });
    await renderApp("/olympiads/o1/manage", api);
    const desk = await screen.findByTestId("certificates-desk");
    expect(await within(desk).findByText("ABCD-EFGH-JKLM")).toHaveAttribute(
      "href",
      "/certificates/ABCD-EFGH-JKLM",
    );
    expect(within(desk).getByText(/100 tanga/)).toBeInTheDocument();
    await userEvent.click(
      within(desk).getByRole("button", { name: "Ali Karimovning sertifikatini qaytarib olish" }),
    );
    const dialog = await screen.findByRole("dialog");
    await userEvent.click(within(dialog).getByRole("button", { name: "Qaytarib olish" }));
    expect(await within(desk).findByText(/Bekor qilingan:/)).toBeInTheDocument();
    expect(
      api.called("POST", "/api/olimp/olympiads/o1/certificates/ABCD-EFGH-JKLM/revoke"),
    ).toHaveLength(1);
  });
});

describe("the organizer's form", () => {
  it("sends the tie-break chosen: more points in the hardest section, then less time", async () => {
    const api = organizerApi("draft").on("POST /api/olimp/olympiads", () =>
      Response.json(olympiad({ state: "draft", tie_breaks: ["hardest", "time"] }), { status: 201 }),
    );
    await renderApp("/new", api);
    await userEvent.type(await screen.findByLabelText(/Nomi \(oʻzbekcha\)/), "Kenguru");
    await userEvent.selectOptions(
      screen.getByLabelText("Teng ball boʻlsa"),
      "eng qiyin boʻlimdagi ball, soʻng vaqt",
    );
    await userEvent.click(screen.getByRole("button", { name: /Yaratish/ }));
    await waitFor(() => expect(api.called("POST", "/api/olimp/olympiads")).toHaveLength(1));
    const body = api.called("POST", "/api/olimp/olympiads")[0]?.body as Record<string, unknown>;
    expect(body.tie_breaks).toEqual(["hardest", "time"]);
  });
});
