import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { apiError, json, path, renderApp, signedInApi } from "./harness.tsx";

const teacher = { id: "t1", role: "teacher", first_name: "Jasur" };

const quiz = (over: Record<string, unknown> = {}) => ({
  id: "x1",
  owner_id: "t1",
  organization_id: null,
  title: "Kasrlar",
  description: "",
  subject: "Matematika",
  grade: 5,
  language: "uz",
  status: "draft",
  time_limit_minutes: null,
  attempts_allowed: null,
  grading_method: "highest",
  shuffle_questions: false,
  shuffle_options: false,
  results_shown: "immediately",
  answers_shown: "after_close",
  opens_at: null,
  closes_at: null,
  pass_percent: 60,
  share_code: null,
  published_at: null,
  archived_at: null,
  created_at: "2026-12-07T10:00:00Z",
  updated_at: "2026-12-07T10:00:00Z",
  question_count: 0,
  total_points: 0,
  needs_key_count: 0,
  review_count: 0,
  can_edit: true,
  questions: [],
  ...over,
});

const question = (id: string, text: string, position: number) => ({
  id,
  test_id: "x1",
  position,
  type: "single",
  text,
  options: [
    { id: `${id}a`, text: "Ha", correct: true },
    { id: `${id}b`, text: "Yoʻq", correct: false },
  ],
  truth: null,
  accepted_answers: [],
  numeric_answer: null,
  tolerance: 0,
  points: 1,
  explanation: "",
  image_url: null,
  language: "uz",
  topic: "",
  tags: [],
  difficulty: 3,
  source: "manual",
  source_excerpt: null,
  needs_key: false,
  review_required: false,
  owner_id: "t1",
  organization_id: null,
  created_at: "2026-12-07T10:00:00Z",
  updated_at: "2026-12-07T10:00:00Z",
});

describe("the teacher's test list", () => {
  it("lists my tests and searches them", async () => {
    const api = signedInApi(teacher).on("GET /api/testai/tests", (request: Request) => {
      const q = new URL(request.url).searchParams.get("q");
      const items = [
        quiz(),
        quiz({ id: "x2", title: "Soʻz turkumlari", status: "published" }),
      ].filter((t) => !q || t.title.toLowerCase().includes(q.toLowerCase()));
      return json(200, { items, total: items.length, limit: 100, offset: 0 });
    });
    await renderApp("/", api);
    expect(await screen.findByText("Soʻz turkumlari")).toBeInTheDocument();
    expect(screen.getByText("Eʼlon qilingan")).toBeInTheDocument();
    await userEvent.type(screen.getByRole("searchbox", { name: "Qidirish" }), "kasr");
    await waitFor(() => expect(screen.queryByText("Soʻz turkumlari")).not.toBeInTheDocument());
    expect(screen.getByText("Kasrlar")).toBeInTheDocument();
    expect(api.calls.some((c) => c.path.includes("q=kasr"))).toBe(true);
  });
});

describe("the question editor", () => {
  async function openEditor() {
    const added: Record<string, unknown>[] = [];
    const api = signedInApi(teacher)
      .on("GET /api/testai/tests/x1", quiz())
      .on("POST /api/testai/tests/x1/questions", async (request: Request) => {
        added.push((await request.json()) as Record<string, unknown>);
        return json(201, question("q9", "x", 0));
      });
    await renderApp("/tests/x1", api);
    await userEvent.click(await screen.findByRole("button", { name: /Savol qoʻshish/ }));
    return added;
  }
  const save = () => screen.getByRole("button", { name: "Saqlash" });

  it("writes a single-choice question with its key, points, explanation and language", async () => {
    const added = await openEditor();
    // Saving waits for the text, two options and the correct one.
    expect(save()).toBeDisabled();
    await userEvent.type(screen.getByRole("textbox", { name: /Savol matni/ }), "Poytaxt qaysi?");
    await userEvent.type(screen.getByRole("textbox", { name: "1-variant" }), "Toshkent");
    await userEvent.type(screen.getByRole("textbox", { name: "2-variant" }), "Samarqand");
    await userEvent.click(screen.getByRole("button", { name: /Variant qoʻshish/ }));
    await userEvent.type(screen.getByRole("textbox", { name: "3-variant" }), "Buxoro");
    await userEvent.click(screen.getByRole("radio", { name: "2-variant toʻgʻri" }));
    // jsdom cannot select the text of a number field; a person would type over it.
    fireEvent.change(screen.getByRole("spinbutton", { name: "Ball" }), { target: { value: "3" } });
    await userEvent.type(screen.getByRole("textbox", { name: /Izoh/ }), "Tarixdan");
    await userEvent.selectOptions(screen.getByRole("combobox", { name: "Til" }), "ru");
    await userEvent.click(save());
    await waitFor(() => expect(added).toHaveLength(1));
    expect(added[0]).toMatchObject({
      type: "single",
      text: "Poytaxt qaysi?",
      options: [
        { text: "Toshkent", correct: false },
        { text: "Samarqand", correct: true },
        { text: "Buxoro", correct: false },
      ],
      points: 3,
      explanation: "Tarixdan",
      language: "ru",
      truth: null,
      accepted_answers: [],
      numeric_answer: null,
    });
  });

  it("writes a true/false question: no options are sent, only the truth", async () => {
    const added = await openEditor();
    await userEvent.selectOptions(screen.getByRole("combobox", { name: "Turi" }), "true_false");
    await userEvent.type(screen.getByRole("textbox", { name: /Savol matni/ }), "Yer yumaloq");
    expect(screen.getByText("Toʻgʻri yoki notoʻgʻri ekanini tanlang.")).toBeInTheDocument();
    await userEvent.click(screen.getByRole("radio", { name: "Toʻgʻri" }));
    await userEvent.click(save());
    await waitFor(() => expect(added).toHaveLength(1));
    expect(added[0]).toMatchObject({ type: "true_false", truth: true, options: [] });
  });

  it("writes a short-answer question with one accepted answer a line", async () => {
    const added = await openEditor();
    await userEvent.selectOptions(screen.getByRole("combobox", { name: "Turi" }), "short_answer");
    await userEvent.type(screen.getByRole("textbox", { name: /Savol matni/ }), "Poytaxt");
    await userEvent.type(
      screen.getByRole("textbox", { name: /Qabul qilinadigan/ }),
      "Toshkent{enter}Tashkent",
    );
    await userEvent.click(save());
    await waitFor(() => expect(added).toHaveLength(1));
    expect(added[0]).toMatchObject({
      type: "short_answer",
      accepted_answers: ["Toshkent", "Tashkent"],
      options: [],
    });
  });

  it("writes a numeric question: the number (a comma works too) and its tolerance", async () => {
    const added = await openEditor();
    await userEvent.selectOptions(screen.getByRole("combobox", { name: "Turi" }), "numeric");
    await userEvent.type(screen.getByRole("textbox", { name: /Savol matni/ }), "π ≈ ?");
    await userEvent.type(screen.getByRole("textbox", { name: "Toʻgʻri son" }), "3,14");
    fireEvent.change(screen.getByRole("spinbutton", { name: /Ruxsat etilgan farq/ }), {
      target: { value: "0.01" },
    });
    await userEvent.click(save());
    await waitFor(() => expect(added).toHaveLength(1));
    expect(added[0]).toMatchObject({
      type: "numeric",
      numeric_answer: 3.14,
      tolerance: 0.01,
      options: [],
    });
  });

  it("moves a question and previews it as a student sees it", async () => {
    const api = signedInApi(teacher)
      .on(
        "GET /api/testai/tests/x1",
        quiz({
          questions: [question("q1", "Birinchi", 0), question("q2", "Ikkinchi", 1)],
          question_count: 2,
        }),
      )
      .on("PUT /api/testai/tests/x1/questions/order", [
        question("q2", "Ikkinchi", 0),
        question("q1", "Birinchi", 1),
      ]);
    await renderApp("/tests/x1", api);
    await userEvent.click(await screen.findByRole("button", { name: "2-savolni yuqoriga" }));
    await waitFor(() =>
      expect(api.called("PUT", "/api/testai/tests/x1/questions/order")[0]?.body).toEqual({
        question_ids: ["q2", "q1"],
      }),
    );
    expect(await screen.findByText("1. Ikkinchi")).toBeInTheDocument();
    await userEvent.click(
      screen.getAllByRole("button", { name: /Oʻquvchi koʻrinishi/ })[0] as HTMLElement,
    );
    const preview = await screen.findByTestId("preview");
    expect(within(preview).getByRole("radio", { name: "Ha" })).toBeInTheDocument();
    expect(within(preview).queryByText("✓")).not.toBeInTheDocument();
  });
});

const preview = {
  format: "numbered",
  file_kind: null,
  total: 2,
  flagged: 1,
  warnings: [],
  questions: [
    {
      number: 1,
      type: "single",
      text: "2 + 2 = ?",
      options: [
        { text: "3", correct: false },
        { text: "4", correct: true },
      ],
      accepted_answers: [],
      numeric_answer: null,
      points: 1,
      language: "uz",
      source_excerpt: "1. 2 + 2 = ?",
      flagged: false,
      problems: [],
    },
    {
      number: 2,
      type: "single",
      text: "Eng katta son",
      options: [
        { text: "10", correct: false },
        { text: "100", correct: false },
      ],
      accepted_answers: [],
      numeric_answer: null,
      points: 1,
      language: "uz",
      source_excerpt: "2. Eng katta son",
      flagged: true,
      problems: ["no_answer"],
    },
  ],
};

describe("importing questions", () => {
  it("shows flagged questions first, and saves only once each is fixed in place", async () => {
    const api = signedInApi(teacher)
      .on("GET /api/testai/tests/x1", quiz())
      .on("POST /api/testai/import/text", preview)
      .on("POST /api/testai/tests/x1/questions/bulk", () => json(201, []));
    await renderApp("/tests/x1/import", api);
    await userEvent.type(
      await screen.findByRole("textbox", { name: /Savollarni joylang/ }),
      "1. 2 + 2 = ?",
    );
    await userEvent.click(screen.getByRole("button", { name: "Tekshirish" }));

    const cards = await screen.findAllByTestId(/flagged|parsed/);
    expect(cards.map((c) => c.dataset.testid)).toEqual(["flagged", "parsed"]);
    expect(screen.getByText("Toʻgʻri javob koʻrsatilmagan.")).toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Testga qoʻshish: 2" })).toBeDisabled();

    const flagged = cards[0] as HTMLElement;
    await userEvent.click(within(flagged).getByRole("radio", { name: "2-variant toʻgʻri" }));
    await userEvent.click(within(flagged).getByRole("button", { name: "Shunday qoldirish" }));
    expect(await within(flagged).findByText(/Tuzatildi/)).toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Testga qoʻshish: 2" })).toBeEnabled();
    await userEvent.click(screen.getByRole("button", { name: "Testga qoʻshish: 2" }));

    await waitFor(() => expect(path()).toBe("/tests/x1"));
    const body = api.called("POST", "/api/testai/tests/x1/questions/bulk")[0]?.body as {
      questions: { text: string; options: { correct: boolean }[] }[];
      source: string;
    };
    expect(body.source).toBe("imported");
    // The document's order, with the fix.
    expect(body.questions.map((q) => q.text)).toEqual(["2 + 2 = ?", "Eng katta son"]);
    expect(body.questions[1]?.options.map((o) => o.correct)).toEqual([false, true]);
  });

  it("can drop a flagged question instead of fixing it", async () => {
    const api = signedInApi(teacher)
      .on("GET /api/testai/tests/x1", quiz())
      .on("POST /api/testai/import/text", preview)
      .on("POST /api/testai/tests/x1/questions/bulk", () => json(201, []));
    await renderApp("/tests/x1/import", api);
    await userEvent.type(await screen.findByRole("textbox", { name: /Savollarni joylang/ }), "x");
    await userEvent.click(screen.getByRole("button", { name: "Tekshirish" }));
    const [flagged] = await screen.findAllByTestId("flagged");
    await userEvent.click(
      within(flagged as HTMLElement).getByRole("button", { name: /Olib tashlash/ }),
    );
    await userEvent.click(screen.getByRole("button", { name: "Testga qoʻshish: 1" }));
    await waitFor(() =>
      expect(api.called("POST", "/api/testai/tests/x1/questions/bulk")).toHaveLength(1),
    );
  });
});

describe("AI questions", () => {
  it("says clearly when AI is not configured", async () => {
    const api = signedInApi(teacher)
      .on("GET /api/testai/tests/x1", quiz())
      .on("POST /api/testai/ai/generate", () => apiError(503, "ai_not_configured"));
    await renderApp("/tests/x1/generate", api);
    await userEvent.type(await screen.findByRole("textbox", { name: "Mavzu" }), "Kasrlar");
    await userEvent.click(screen.getByRole("button", { name: /Savollar tuzish/ }));
    expect(
      await screen.findByText("Bu serverda sunʼiy intellekt bilan test tuzish sozlanmagan."),
    ).toBeInTheDocument();
    expect(screen.getByText(/qoʻlda qoʻshishingiz yoki matndan import/)).toBeInTheDocument();
  });
});

describe("publishing and assigning", () => {
  it("publishes a test and assigns it to a class with a due date", async () => {
    let current = quiz({ questions: [question("q1", "Birinchi", 0)], question_count: 1 });
    const api = signedInApi(teacher)
      .on("GET /api/testai/tests/x1", () => json(200, current))
      .on("POST /api/testai/tests/x1/publish", () => {
        current = { ...current, status: "published" };
        return json(200, current);
      })
      .on("GET /api/testai/tests/x1/assignments", [])
      .on("GET /api/main/groups", [{ id: "g1", name: "5-A sinf" }])
      .on("POST /api/testai/tests/x1/assignments", () =>
        json(201, [
          {
            id: "as1",
            test_id: "x1",
            group_id: "g1",
            student_id: null,
            due_at: null,
            created_at: "",
          },
        ]),
      );
    await renderApp("/tests/x1", api);
    await userEvent.click(await screen.findByRole("button", { name: /Eʼlon qilish/ }));
    await userEvent.click(await screen.findByRole("tab", { name: "Berish" }));
    await userEvent.selectOptions(await screen.findByRole("combobox", { name: /Sinf/ }), "g1");
    await userEvent.click(screen.getByRole("button", { name: "Berish" }));
    await waitFor(() =>
      expect(api.called("POST", "/api/testai/tests/x1/assignments")[0]?.body).toEqual({
        group_id: "g1",
        due_at: null,
      }),
    );
  });
});

describe("extra time", () => {
  it("lists students with extra time, gives a class member ×2 and removes one", async () => {
    let extra = [{ student_id: "s1", factor: 1.5, updated_at: "2026-12-07T10:00:00Z" }];
    const member = (id: string, first: string) => ({
      student_id: id,
      first_name: first,
      last_name: "Karimov",
      username: null,
      joined_at: "2026-12-01T10:00:00Z",
    });
    const api = signedInApi(teacher)
      .on("GET /api/testai/tests/x1", quiz({ time_limit_minutes: 40 }))
      .on("GET /api/testai/tests/x1/extra-time", () => json(200, extra))
      .on("GET /api/main/groups", [{ id: "g1", name: "5-A sinf" }])
      .on("GET /api/main/groups/g1/members", [member("s1", "Ali"), member("s2", "Vali")])
      .on(
        "PUT /api/testai/tests/x1/extra-time/:student",
        async (request: Request, params: Record<string, string>) => {
          const body = (await request.json()) as { factor: number };
          extra = [
            ...extra,
            { student_id: params.student ?? "", factor: body.factor, updated_at: "" },
          ];
          return json(200, extra.at(-1));
        },
      )
      .on(
        "DELETE /api/testai/tests/x1/extra-time/:student",
        (_: Request, params: Record<string, string>) => {
          extra = extra.filter((e) => e.student_id !== params.student);
          return new Response(null, { status: 204 });
        },
      );
    await renderApp("/tests/x1", api);
    await userEvent.click(await screen.findByRole("tab", { name: "Sozlamalar" }));
    const section = await screen.findByRole("region", { name: "Qoʻshimcha vaqt" });
    expect(await within(section).findByText("Ali Karimov")).toBeInTheDocument();
    expect(within(section).getByRole("combobox", { name: "Ali Karimov uchun vaqt" })).toHaveValue(
      "1.5",
    );

    const picker = within(section).getByRole("combobox", { name: "Oʻquvchi" });
    // Ali already has extra time: only Vali can be added.
    expect(within(picker).queryByRole("option", { name: "Ali Karimov" })).toBeNull();
    await userEvent.selectOptions(picker, "s2");
    await userEvent.selectOptions(within(section).getByRole("combobox", { name: "Vaqt" }), "2");
    await userEvent.click(within(section).getByRole("button", { name: "Qoʻshimcha vaqt berish" }));
    await waitFor(() =>
      expect(api.called("PUT", "/api/testai/tests/x1/extra-time/s2")[0]?.body).toEqual({
        factor: 2,
      }),
    );
    expect(
      await within(section).findByRole("combobox", { name: "Vali Karimov uchun vaqt" }),
    ).toHaveValue("2");

    const aliRow = within(section).getByText("Ali Karimov").closest("li") as HTMLElement;
    await userEvent.click(within(aliRow).getByRole("button", { name: "Olib tashlash" }));
    await waitFor(() =>
      expect(
        within(section).queryByRole("combobox", { name: "Ali Karimov uchun vaqt" }),
      ).toBeNull(),
    );
    // Ali can be given extra time again.
    expect(within(picker).getByRole("option", { name: "Ali Karimov" })).toBeInTheDocument();
    expect(api.called("DELETE", "/api/testai/tests/x1/extra-time/s1")).toHaveLength(1);
  });

  it("is not offered on a test without a time limit", async () => {
    const api = signedInApi(teacher).on("GET /api/testai/tests/x1", quiz());
    await renderApp("/tests/x1", api);
    await userEvent.click(await screen.findByRole("tab", { name: "Sozlamalar" }));
    await screen.findByRole("button", { name: /Sozlamalarni saqlash/ });
    expect(screen.queryByRole("region", { name: "Qoʻshimcha vaqt" })).toBeNull();
    expect(api.called("GET", "/api/testai/tests/x1/extra-time")).toHaveLength(0);
  });
});

describe("results", () => {
  it("shows each student's grade, the distribution and each question's facility", async () => {
    const api = signedInApi(teacher).on("GET /api/testai/tests/x1/results", {
      test_id: "x1",
      title: "Kasrlar",
      pass_percent: 60,
      summary: {
        students: 2,
        graded_students: 2,
        mean_percent: 65,
        median_percent: 65,
        min_percent: 50,
        max_percent: 80,
        passed: 1,
      },
      distribution: [
        { low: 0, high: 50, count: 0 },
        { low: 50, high: 100, count: 2 },
      ],
      students: [
        {
          student_id: "s1",
          first_name: "Ali",
          last_name: "Karimov",
          username: "ali",
          attempts: 1,
          finished_attempts: 1,
          grade_percent: 80,
          best_percent: 80,
          passed: true,
          last_submitted_at: "2026-12-07T10:00:00Z",
          attempt_ids: ["a1"],
        },
      ],
      questions: [
        {
          question_id: "q1",
          position: 0,
          type: "single",
          text: "2 + 2",
          points: 1,
          answered: 2,
          facility: 0.5,
          discrimination: 0.33,
        },
      ],
    });
    await renderApp("/tests/x1/results", api);
    expect(await screen.findByText("Ali Karimov")).toBeInTheDocument();
    expect(screen.getByText("80%")).toBeInTheDocument();
    expect(screen.getByLabelText("50–100%: 2")).toBeInTheDocument();
    expect(screen.getByText("50%")).toBeInTheDocument();
    expect(screen.getByText("0.33")).toBeInTheDocument();
  });
});

describe("roles", () => {
  it("sends a student away from the teachers' pages", async () => {
    const api = signedInApi({ id: "s1", role: "student", first_name: "Ali" })
      .on("GET /api/testai/my/tests", [])
      .on("GET /api/testai/my/results", [])
      .on("GET /api/testai/tests/x1", () => apiError(403, "role_not_allowed"));
    await renderApp("/tests/x1", api);
    await waitFor(() => expect(path()).toBe("/"));
    expect(await screen.findByText("Hozircha yangi test yoʻq")).toBeInTheDocument();
  });
});
