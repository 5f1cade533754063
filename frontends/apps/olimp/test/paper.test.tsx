import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { attempt, student, studentProfile } from "./fixtures.ts";
import { apiError, json, renderApp, signedInApi } from "./harness.tsx";

const PAPER = "/olympiads/o1/rounds/r1/paper";
const START = "POST /api/olimp/olympiads/o1/rounds/r1/attempt";
const SAVE = "PUT /api/olimp/attempts/at1/answers/:question";

function sitting(over: Record<string, unknown> = {}) {
  const saved = new Map<string, unknown>();
  const api = signedInApi(student, studentProfile)
    .on(START, () => json(200, attempt(over)))
    .on(SAVE, async (request: Request, params: Record<string, string>) => {
      saved.set(params.question ?? "", await request.json());
      return json(200, {
        question_id: params.question,
        saved_at: "2020-01-01T00:51:00Z",
        seconds_left: 540,
      });
    })
    .on("POST /api/olimp/attempts/at1/signals", () => new Response(null, { status: 204 }));
  return { api, saved };
}

const navigator = () => within(screen.getByRole("navigation", { name: "Savollar" }));

describe("the paper", () => {
  it("numbers every question in the navigator, goes to one, and marks those answered", async () => {
    const { api } = sitting({ answers: { q2: { choice: null, truth: true, text: null } } });
    await renderApp(PAPER, api);
    expect(await screen.findByRole("heading", { name: "2 + 3 = ?" })).toBeInTheDocument();
    expect(navigator().getAllByRole("button")).toHaveLength(3);
    expect(navigator().getByRole("button", { name: "1-savol" })).toHaveAttribute(
      "aria-current",
      "step",
    );
    // The answer the server kept is shown as given (a reload keeps it).
    await userEvent.click(navigator().getByRole("button", { name: "2-savol, javob berilgan" }));
    expect(screen.getByRole("heading", { name: "7 tub son" })).toBeInTheDocument();
    expect(screen.getByRole("radio", { name: "Toʻgʻri" })).toBeChecked();
  });

  it("saves an answer as it is given and says it is saved", async () => {
    const { api, saved } = sitting();
    await renderApp(PAPER, api);
    await userEvent.click(await screen.findByRole("radio", { name: "5" }));
    await waitFor(() => expect(screen.getByTestId("save-state")).toHaveTextContent("Saqlandi"));
    expect(saved.get("q1")).toEqual({ choice: ["a"] });
    expect(
      navigator().getByRole("button", { name: "1-savol, javob berilgan" }),
    ).toBeInTheDocument();
  });

  it("keeps an answer that could not be sent and sends it again when the connection returns", async () => {
    const { api, saved } = sitting();
    let down = true;
    api.on(SAVE, async (request: Request, params: Record<string, string>) => {
      if (down) throw new TypeError("Failed to fetch");
      saved.set(params.question ?? "", await request.json());
      return json(200, {
        question_id: params.question,
        saved_at: "2020-01-01T00:51:00Z",
        seconds_left: 500,
      });
    });
    await renderApp(PAPER, api);
    await userEvent.click(await screen.findByRole("radio", { name: "6" }));
    expect(await screen.findByText("Internet aloqasi uzildi")).toBeInTheDocument();
    expect(screen.getByTestId("save-state")).toHaveAttribute("data-state", "retrying");
    down = false;
    window.dispatchEvent(new Event("online"));
    await waitFor(() => expect(screen.getByTestId("save-state")).toHaveTextContent("Saqlandi"));
    expect(saved.get("q1")).toEqual({ choice: ["b"] });
    expect(screen.queryByText("Internet aloqasi uzildi")).not.toBeInTheDocument();
    expect(api.called("POST", "/api/olimp/attempts/at1/signals").map((c) => c.body)).toContainEqual(
      {
        kind: "reconnected",
      },
    );
  });

  it("counts down from the time the server says is left, whatever this device's clock says", async () => {
    // The deadline is in 2020; this device's clock is years later. The server says 10 minutes.
    const { api } = sitting({ seconds_left: 600 });
    await renderApp(PAPER, api);
    const clock = await screen.findByTestId("clock");
    expect(clock.textContent).toMatch(/(10:00|09:5\d)/);
  });

  it("asks before handing in, then shows the paper handed in", async () => {
    const { api } = sitting();
    api.on("POST /api/olimp/attempts/at1/submit", () =>
      json(200, attempt({ submitted_at: "2020-01-01T00:55:00Z", answers: {} })),
    );
    await renderApp(PAPER, api);
    await userEvent.click(await screen.findByRole("button", { name: "Yakunlash" }));
    const dialog = await screen.findByRole("dialog");
    expect(within(dialog).getByText(/Javobsiz savollar: 3/)).toBeInTheDocument();
    expect(api.called("POST", "/api/olimp/attempts/at1/submit")).toHaveLength(0);
    await userEvent.click(within(dialog).getByRole("button", { name: "Topshirish" }));
    expect(await screen.findByRole("heading", { name: "Tayyor!" })).toBeInTheDocument();
    expect(screen.getByText(/Javoblaringiz qabul qilindi/)).toBeInTheDocument();
  });

  it("shows a paper whose time is up as handed in, without questions", async () => {
    const { api } = sitting({ seconds_left: 0 });
    await renderApp(PAPER, api);
    expect(await screen.findByText(/Vaqt tugadi/)).toBeInTheDocument();
    expect(screen.queryByRole("navigation", { name: "Savollar" })).not.toBeInTheDocument();
  });

  it("says why when the round is not open", async () => {
    const api = signedInApi(student, studentProfile).on(START, () =>
      apiError(409, "round_not_open"),
    );
    await renderApp(PAPER, api);
    expect(await screen.findByText(/hali boshlanmagan yoki tugagan/)).toBeInTheDocument();
  });
});
