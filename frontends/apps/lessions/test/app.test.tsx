import { screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { apiError, json, renderApp, signedInApi } from "./harness.tsx";

const child = { id: "s1", role: "student", first_name: "Ali" };
const parent = { id: "p1", role: "parent", first_name: "Dilnoza" };

const course = {
  id: "c1",
  owner_id: "t1",
  organization_id: null,
  catalogue: true,
  title: "Matematika: 1-sinf",
  description: "Sanash va qoʻshish",
  subject: "Matematika",
  grades: [1],
  language: "uz",
  cover_url: null,
  visibility: "public",
  status: "published",
  access: "free",
  reward_coins: 30,
  badge: "🏅",
  published_at: "2026-12-01T00:00:00Z",
};
const summary = (id: string, title: string, position: number) => ({
  id,
  module_id: "m1",
  position,
  title,
  published: true,
  version: 1,
  free_preview: false,
  required: true,
  completion: "quiz",
  pass_mark: 60,
  available_from: null,
  after_previous: false,
});
const detail = {
  ...course,
  group_ids: [],
  modules: [{ id: "m1", title: "Sonlar", position: 1 }],
  lessons: [summary("l1", "Sanash", 1), summary("l2", "Qoʻshish", 2), summary("l3", "Ayirish", 3)],
};
const progressRow = (lesson: string, over: Record<string, unknown> = {}) => ({
  lesson_id: lesson,
  version: 1,
  opened_at: "2026-12-07T10:00:00Z",
  position: 0,
  reached_end: false,
  seconds_spent: 30,
  quiz_score: null,
  completed_at: null,
  ...over,
});
const courseProgress = (done: boolean) => ({
  course,
  required_lessons: 3,
  completed_lessons: done ? 1 : 0,
  percent: done ? 33 : 0,
  completed_at: null,
  coins: 0,
  lessons: [
    {
      lesson_id: "l1",
      title: "Sanash",
      required: true,
      locked: false,
      progress: done ? progressRow("l1", { completed_at: "2026-12-07T10:05:00Z" }) : null,
    },
    {
      lesson_id: "l2",
      title: "Qoʻshish",
      required: true,
      locked: false,
      progress: progressRow("l2", { position: 1 }),
    },
    { lesson_id: "l3", title: "Ayirish", required: true, locked: true, progress: null },
  ],
});
const question = {
  id: "q1",
  type: "single",
  text: "2 + 2 = ?",
  image_url: null,
  points: 1,
  language: "uz",
  options: [
    { id: "a", text: "3" },
    { id: "b", text: "4" },
  ],
};
const lesson = (id: string, title: string, position: number | null) => ({
  lesson: {
    ...summary(id, title, 1),
    course_id: "c1",
    blocks: [
      { type: "text", html: "<p>Keling, sanaymiz.</p>", pages: [], questions: [] },
      {
        type: "image",
        url: "https://x.uz/olma.png",
        caption: "Uchta olma",
        pages: [],
        questions: [],
      },
      { type: "quiz", pages: [], questions: [question] },
    ],
  },
  progress: position === null ? null : progressRow(id, { position }),
});

describe("the catalogue", () => {
  it("lists the courses and asks the server for a grade", async () => {
    const api = signedInApi(child)
      .on("GET /api/main/wallet", { user_id: "s1", balance: 7, streak_days: 0 })
      .on("GET /api/lessions/courses", { items: [course], total: 1, limit: 100, offset: 0 });
    await renderApp("/", api);
    expect(
      await screen.findByRole("link", { name: /Matematika: 1-sinf/ }, { timeout: 15_000 }),
    ).toHaveAttribute("href", "/courses/c1");
    await userEvent.selectOptions(screen.getByRole("combobox", { name: "Sinf" }), "1-sinf");
    await waitFor(() =>
      expect(
        api.calls.some(
          (c) => c.path.includes("/api/lessions/courses?") && c.path.includes("grade=1"),
        ),
      ).toBe(true),
    );
  });
});

describe("a course", () => {
  it("shows my progress, continues the lesson I began and shows a locked one without a link", async () => {
    const api = signedInApi(child)
      .on("GET /api/lessions/courses/c1", detail)
      .on("GET /api/lessions/courses/c1/progress", courseProgress(true));
    await renderApp("/courses/c1", api);
    expect(await screen.findByRole("progressbar", { name: "Kursdagi yutugʻim" })).toHaveAttribute(
      "aria-valuenow",
      "33",
    );
    expect(screen.getByText("3 ta darsdan 1 tasi tugadi")).toBeInTheDocument();
    expect(screen.getByRole("link", { name: "Davom etish ▶" })).toHaveAttribute(
      "href",
      "/lessons/l2",
    );
    expect(screen.queryByRole("link", { name: /Ayirish/ })).not.toBeInTheDocument();
    expect(screen.getByText("keyinroq ochiladi")).toBeInTheDocument();
  });
});

describe("the lesson player", () => {
  it("resumes where I stopped, records each step once, grades the quiz on the server and finishes", async () => {
    const api = signedInApi(child)
      .on("GET /api/main/wallet", { user_id: "s1", balance: 7, streak_days: 0 })
      .on("GET /api/lessions/lessons/l1", lesson("l1", "Sanash", 1))
      .on("POST /api/lessions/lessons/l1/progress", async (request: Request) => {
        const body = (await request.json()) as { position: number };
        return json(200, progressRow("l1", { position: body.position }));
      })
      .on("POST /api/lessions/lessons/l1/answers", () =>
        json(200, {
          score: 100,
          passed: true,
          questions: [{ question_id: "q1", fraction: 1 }],
          progress: progressRow("l1", { quiz_score: 100, completed_at: "2026-12-07T10:05:00Z" }),
        }),
      )
      .on("GET /api/lessions/courses/c1/progress", courseProgress(true));
    await renderApp("/lessons/l1", api);
    // Resumed at the second block (the picture), and the opening was recorded there.
    expect(await screen.findByRole("img", { name: "Uchta olma" })).toBeInTheDocument();
    await waitFor(() =>
      expect(api.called("POST", "/api/lessions/lessons/l1/progress")).toHaveLength(1),
    );
    await userEvent.click(screen.getByRole("button", { name: /Keyingi/ }));
    await userEvent.click(await screen.findByRole("radio", { name: "4" }));
    await userEvent.click(screen.getByRole("button", { name: "Tekshirish" }));
    expect(await screen.findByText("✅ Toʻgʻri!")).toBeInTheDocument();
    expect(api.called("POST", "/api/lessions/lessons/l1/answers")[0]?.body).toEqual({
      answers: [{ question_id: "q1", answer: { choice: ["b"] } }],
    });
    await userEvent.click(screen.getByRole("button", { name: /Tugatish/ }));
    expect(await screen.findByRole("heading", { name: "Dars tugadi!" })).toBeInTheDocument();
    expect(screen.getByRole("link", { name: "Keyingi dars ▶" })).toHaveAttribute(
      "href",
      "/lessons/l2",
    );

    const writes = api
      .called("POST", "/api/lessions/lessons/l1/progress")
      .map((c) => c.body as Record<string, unknown>);
    expect(writes.map((w) => [w.position, w.reached_end])).toEqual([
      [1, false],
      [2, true],
      [2, true],
    ]);
    const keys = writes.map((w) => w.idempotency_key);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it("says the course is complete with the coins it paid, and refreshes my wallet", async () => {
    let balance = 7;
    const one = lesson("l3", "Ayirish", null);
    one.lesson.blocks = one.lesson.blocks.slice(0, 1);
    const api = signedInApi(child)
      .on("GET /api/main/wallet", () => json(200, { user_id: "s1", balance, streak_days: 0 }))
      .on("GET /api/lessions/lessons/l3", one)
      .on("GET /api/lessions/courses/c1/certificate", {
        code: "LS-7Q2K",
        kind: "course",
        language: "uz",
        holder_name: "Ali",
        title: "Matematika: 1-sinf",
        achievement: "",
        issuer: "ALIF24",
        issued_at: "2026-12-07T11:00:00Z",
        valid: true,
        revoked_at: null,
        course_id: "c1",
        pdf_url: "/api/lessions/certificates/LS-7Q2K/pdf",
        verify_url: "https://alif24.uz/verify/LS-7Q2K",
      })
      .on("POST /api/lessions/lessons/l3/progress", () => {
        balance = 37; // the server paid the course's coins with this write
        return json(
          200,
          progressRow("l3", { reached_end: true, completed_at: "2026-12-07T11:00:00Z" }),
        );
      })
      .on("GET /api/lessions/courses/c1/progress", () =>
        json(200, {
          ...courseProgress(true),
          completed_lessons: 3,
          percent: 100,
          completed_at: balance === 37 ? "2026-12-07T11:00:00Z" : null,
          coins: balance === 37 ? 30 : 0,
        }),
      );
    await renderApp("/lessons/l3", api);
    await userEvent.click(
      await screen.findByRole("button", { name: /Tugatish/ }, { timeout: 15_000 }),
    );
    expect(await screen.findByText("Butun kursni tugatdingiz!")).toBeInTheDocument();
    expect(screen.getByText("+30")).toBeInTheDocument();
    // ... with its certificate to download.
    expect(await screen.findByRole("link", { name: /Yuklab olish/ })).toHaveAttribute(
      "href",
      "/api/lessions/certificates/LS-7Q2K/pdf",
    );
    // The badge in the header shows the new balance.
    expect(await screen.findByText("37")).toBeInTheDocument();
  });

  it("tells a child to ask a parent about a closed lesson, with no offer", async () => {
    const api = signedInApi(child)
      .on("GET /api/main/wallet", { user_id: "s1", balance: 7, streak_days: 0 })
      .on("GET /api/lessions/lessons/l9", () => apiError(403, "lesson_not_available"));
    await renderApp("/lessons/l9", api);
    expect(
      await screen.findByText("Bu dars hozircha yopiq. Ota-onangdan soʻra."),
    ).toBeInTheDocument();
    expect(screen.queryByRole("link", { name: "Obuna rejalari" })).not.toBeInTheDocument();
  });

  it("shows a parent the way to the plans instead", async () => {
    const api = signedInApi(parent).on("GET /api/lessions/lessons/l9", () =>
      apiError(403, "lesson_not_available"),
    );
    await renderApp("/lessons/l9", api);
    expect(await screen.findByRole("link", { name: "Obuna rejalari" })).toHaveAttribute(
      "href",
      expect.stringContaining("/subscription"),
    );
  });
});

describe("a parent's view", () => {
  it("shows each child's courses with their progress", async () => {
    const kid = { id: "k1", first_name: "Laylo", avatar: "" };
    const api = signedInApi(parent)
      .on("GET /api/main/children", [kid])
      .on("GET /api/lessions/children/k1/progress", [courseProgress(true)]);
    await renderApp("/", api);
    expect(await screen.findByRole("heading", { name: /Laylo/ })).toBeInTheDocument();
    expect(
      await screen.findByRole("progressbar", { name: "Laylo: Matematika: 1-sinf" }),
    ).toHaveAttribute("aria-valuenow", "33");
  });
});
