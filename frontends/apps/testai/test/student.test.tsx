import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";
import { apiError, json, path, renderApp, signedInApi, signedOutApi } from "./harness.tsx";

const student = { id: "s1", role: "student", first_name: "Ali" };

const assigned = (over: Record<string, unknown> = {}) => ({
  test_id: "t1",
  title: "Kasrlar",
  subject: "Matematika",
  question_count: 5,
  time_limit_minutes: 20,
  your_time_minutes: 20,
  attempts_allowed: 2,
  attempts_used: 0,
  attempt_in_progress: null,
  opens_at: null,
  closes_at: null,
  due_at: null,
  grade_percent: null,
  ...over,
});

const questions = [
  {
    id: "q1",
    type: "single",
    text: "2 + 2 = ?",
    image_url: null,
    points: 1,
    language: "uz",
    options: [
      { id: "o1", text: "3" },
      { id: "o2", text: "4" },
    ],
  },
  {
    id: "q2",
    type: "multiple",
    text: "Juft sonlar",
    image_url: null,
    points: 2,
    language: "uz",
    options: [
      { id: "o3", text: "2" },
      { id: "o4", text: "3" },
      { id: "o5", text: "4" },
    ],
  },
  {
    id: "q3",
    type: "true_false",
    text: "Yer yumaloq",
    image_url: null,
    points: 1,
    language: "uz",
    options: [],
  },
  {
    id: "q4",
    type: "short_answer",
    text: "Poytaxt?",
    image_url: null,
    points: 1,
    language: "uz",
    options: [],
  },
  {
    id: "q5",
    type: "numeric",
    text: "7 × 6 = ?",
    image_url: null,
    points: 1,
    language: "uz",
    options: [],
  },
];

function attempt(over: Record<string, unknown> = {}) {
  return {
    id: "a1",
    test_id: "t1",
    test_title: "Kasrlar",
    student_id: "s1",
    number: 1,
    status: "in_progress",
    started_at: "2026-12-07T10:00:00Z",
    deadline_at: "2026-12-07T10:20:00Z",
    submitted_at: null,
    closed_by_server: false,
    time_limit_minutes: 20,
    time_factor: 1,
    server_time: "2026-12-07T10:00:00Z",
    questions,
    answers: [],
    score: null,
    max_score: null,
    percent: null,
    passed: null,
    review: null,
    ...over,
  };
}

describe("signing in", () => {
  it("sends a signed-out user to main's login and back to this page", async () => {
    const assign = vi.fn();
    vi.stubGlobal("location", {
      ...window.location,
      assign,
      href: "http://testai.alif24.localhost:8080/",
      hostname: "testai.alif24.localhost",
      port: "8080",
      protocol: "http:",
      origin: "http://testai.alif24.localhost:8080",
    });
    try {
      await renderApp("/", signedOutApi());
      await waitFor(() => expect(assign).toHaveBeenCalledTimes(1));
      expect(assign).toHaveBeenCalledWith(
        `http://alif24.localhost:8080/login?next=${encodeURIComponent("http://testai.alif24.localhost:8080/")}`,
      );
    } finally {
      vi.unstubAllGlobals();
    }
  });
});

describe("a student's tests", () => {
  it("lists the tests to do and the ones done, and starts one", async () => {
    const api = signedInApi(student)
      .on("GET /api/testai/my/tests", [
        assigned(),
        assigned({ test_id: "t2", title: "Tugagan", attempts_used: 2 }),
      ])
      .on("GET /api/testai/my/results", [
        {
          test_id: "t2",
          title: "Tugagan",
          subject: "",
          attempts: 2,
          last_submitted_at: "2026-12-06T10:00:00Z",
          results_hidden: false,
          grade_percent: 80,
          passed: true,
        },
      ])
      .on("POST /api/testai/attempts", () => json(201, attempt()))
      .on("GET /api/testai/attempts/a1", attempt());
    await renderApp("/", api);
    const due = await screen.findByRole("region", { name: "Topshirish kerak" });
    expect(await within(due).findByText("Kasrlar")).toBeInTheDocument();
    expect(within(due).queryByText("Tugagan")).not.toBeInTheDocument();
    expect(await screen.findByText("80%")).toBeInTheDocument();

    await userEvent.click(within(due).getByRole("button", { name: "Boshlash" }));
    await waitFor(() => expect(path()).toBe("/attempts/a1"));
    expect(api.called("POST", "/api/testai/attempts").map((c) => c.body)).toEqual([
      { test_id: "t1" },
    ]);
  });

  it("starts a shared test by its code", async () => {
    const api = signedInApi(student)
      .on("GET /api/testai/my/tests", [])
      .on("GET /api/testai/my/results", [])
      .on("POST /api/testai/attempts", () => apiError(404, "test_not_available"));
    await renderApp("/?code=abc123", api);
    await userEvent.click(await screen.findByRole("button", { name: "Boshlash" }));
    expect(
      await screen.findByText(
        "Bu test sizga ochiq emas. Kodni tekshiring yoki oʻqituvchingizdan soʻrang.",
      ),
    ).toBeInTheDocument();
    expect(api.called("POST", "/api/testai/attempts")[0]?.body).toEqual({ code: "ABC123" });
  });
});

describe("taking a test", () => {
  it("answers every question type one at a time, saves each answer and submits after a confirm", async () => {
    const saved: Record<string, unknown> = {};
    const api = signedInApi(student)
      .on("GET /api/testai/attempts/a1", attempt())
      .on(
        "PUT /api/testai/attempts/a1/answers/:q",
        async (request: Request, params: Record<string, string>) => {
          const body = (await request.json()) as Record<string, unknown>;
          saved[params.q ?? ""] = body;
          return json(200, {
            question_id: params.q,
            choice: null,
            truth: null,
            text: null,
            revision: body.revision,
            saved_at: "2026-12-07T10:01:00Z",
          });
        },
      )
      .on("POST /api/testai/attempts/a1/submit", () =>
        json(
          200,
          attempt({
            status: "finished",
            submitted_at: "2026-12-07T10:05:00Z",
            score: 5,
            max_score: 6,
            percent: 83.3,
            passed: true,
          }),
        ),
      );
    await renderApp("/attempts/a1", api);
    expect(await screen.findByRole("heading", { name: "2 + 2 = ?" })).toBeInTheDocument();
    expect(screen.getByRole("timer")).toHaveTextContent(/20:00|19:5\d/);

    await userEvent.click(screen.getByRole("radio", { name: "4" }));
    expect(await screen.findByText("✓ Saqlandi")).toBeInTheDocument();
    await userEvent.click(screen.getByRole("button", { name: /Keyingi/ }));

    await userEvent.click(screen.getByRole("checkbox", { name: "2" }));
    await userEvent.click(screen.getByRole("checkbox", { name: "4" }));
    await userEvent.click(screen.getByRole("button", { name: /Keyingi/ }));

    await userEvent.click(screen.getByRole("radio", { name: "Toʻgʻri" }));
    await userEvent.click(screen.getByRole("button", { name: /Keyingi/ }));

    await userEvent.type(screen.getByRole("textbox", { name: "Javobingiz" }), "Toshkent");
    await userEvent.click(screen.getByRole("button", { name: /Keyingi/ }));

    await userEvent.type(screen.getByRole("textbox", { name: "Javobingiz (son)" }), "42");
    await userEvent.click(screen.getByRole("button", { name: "Yakunlash" }));
    expect(await screen.findByText(/Hamma savolga javob berdingiz/)).toBeInTheDocument();
    expect(api.called("POST", "/api/testai/attempts/a1/submit")).toHaveLength(0);
    await userEvent.click(screen.getByRole("button", { name: "Topshirish" }));

    expect(await screen.findByText("83%")).toBeInTheDocument();
    expect(saved).toEqual({
      q1: { choice: ["o2"], revision: 1 },
      q2: { choice: ["o3", "o5"], revision: 2 },
      q3: { truth: true, revision: 1 },
      q4: { text: "Toshkent", revision: expect.any(Number) },
      q5: { text: "42", revision: expect.any(Number) },
    });
    // Every answer was on the server before the attempt was handed in.
    const order = api.calls.map((c) => c.method);
    const submitted = api.calls.findIndex((c) => c.path.endsWith("/submit"));
    expect(order.lastIndexOf("PUT")).toBeLessThan(submitted);
  });

  it("keeps an answer that could not be sent, says so, and sends it when the connection is back", async () => {
    let offline = true;
    const api = signedInApi(student)
      .on("GET /api/testai/attempts/a1", attempt())
      .on("PUT /api/testai/attempts/a1/answers/:q", async (request: Request) => {
        if (offline) throw new TypeError("Failed to fetch");
        const body = (await request.json()) as { revision: number };
        return json(200, {
          question_id: "q1",
          choice: ["o2"],
          truth: null,
          text: null,
          revision: body.revision,
          saved_at: "2026-12-07T10:01:00Z",
        });
      });
    await renderApp("/attempts/a1", api);
    await userEvent.click(await screen.findByRole("radio", { name: "4" }));
    expect(await screen.findByText(/Internet yoʻq/)).toBeInTheDocument();
    offline = false;
    window.dispatchEvent(new Event("online"));
    expect(await screen.findByText("✓ Saqlandi")).toBeInTheDocument();
    expect(api.called("PUT", "/api/testai/attempts/a1/answers/q1").length).toBeGreaterThanOrEqual(
      2,
    );
  });

  it("warns when little time is left", async () => {
    const api = signedInApi(student).on(
      "GET /api/testai/attempts/a1",
      attempt({ server_time: "2026-12-07T10:19:00Z" }),
    );
    await renderApp("/attempts/a1", api);
    expect(await screen.findByText("Vaqt oz qoldi!")).toBeInTheDocument();
  });

  it("shows a finished attempt's score and review, as the test allows", async () => {
    const api = signedInApi(student).on(
      "GET /api/testai/attempts/a1",
      attempt({
        status: "finished",
        questions: questions.slice(0, 1),
        answers: [
          {
            question_id: "q1",
            choice: ["o1"],
            truth: null,
            text: null,
            revision: 1,
            saved_at: "2026-12-07T10:01:00Z",
          },
        ],
        score: 0,
        max_score: 1,
        percent: 0,
        passed: false,
        review: [
          {
            question_id: "q1",
            earned: 0,
            points: 1,
            correct: false,
            correct_option_ids: ["o2"],
            truth: null,
            accepted_answers: [],
            numeric_answer: null,
            tolerance: 0,
            explanation: "Ikki va ikki — toʻrt.",
          },
        ],
      }),
    );
    await renderApp("/attempts/a1", api);
    expect(await screen.findByText("0%")).toBeInTheDocument();
    expect(screen.getByText(/Toʻgʻri javob: 4/)).toBeInTheDocument();
    expect(screen.getByText("Ikki va ikki — toʻrt.")).toBeInTheDocument();
  });

  it("says the result comes later when the test hides it", async () => {
    const api = signedInApi(student).on(
      "GET /api/testai/attempts/a1",
      attempt({ status: "finished" }),
    );
    await renderApp("/attempts/a1", api);
    expect(
      await screen.findByText("Natijani oʻqituvchingiz keyinroq koʻrsatadi."),
    ).toBeInTheDocument();
  });
});
