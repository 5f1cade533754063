import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { json, renderApp, signedInApi } from "./harness.tsx";

const teacher = { id: "t1", role: "teacher", first_name: "Jasur" };
const group = {
  id: "g1",
  name: "1-A",
  subject: "",
  grade: 1,
  organization_id: null,
  teacher_id: "t1",
  teacher_name: "Jasur",
  join_code: "ABCD",
  member_count: 3,
  archived_at: null,
  created_at: "2026-12-01T00:00:00Z",
};
const created = {
  id: "c1",
  owner_id: "t1",
  organization_id: null,
  catalogue: false,
  title: "Sanash",
  description: "",
  subject: "Matematika",
  grades: [1, 2],
  language: "uz",
  cover_url: null,
  visibility: "groups",
  status: "draft",
  access: "free",
  reward_coins: 20,
  published_at: null,
  group_ids: ["g1"],
  modules: [{ id: "m1", title: "Sonlar", position: 1 }],
  lessons: [],
};

describe("the course form", () => {
  it("creates a course shared with my chosen class", async () => {
    const api = signedInApi(teacher)
      .on("GET /api/main/groups", [group])
      .on("POST /api/lessions/courses", () => json(201, created))
      .on("GET /api/lessions/courses/c1", created);
    await renderApp("/teach/new", api);
    await userEvent.type(await screen.findByRole("textbox", { name: "Nomi" }), "  Sanash ");
    await userEvent.type(screen.getByRole("textbox", { name: "Fan" }), "Matematika");
    await userEvent.click(screen.getByRole("checkbox", { name: "2" }));
    await userEvent.click(screen.getByRole("checkbox", { name: "1" }));
    await userEvent.click(screen.getByRole("radio", { name: "Tanlangan sinflarim" }));
    await userEvent.click(await screen.findByRole("checkbox", { name: "1-A" }));
    await userEvent.click(screen.getByRole("button", { name: "Kursni yaratish" }));

    await waitFor(() => expect(api.called("POST", "/api/lessions/courses")).toHaveLength(1));
    expect(api.called("POST", "/api/lessions/courses")[0]?.body).toMatchObject({
      title: "Sanash",
      subject: "Matematika",
      grades: [1, 2],
      visibility: "groups",
      group_ids: ["g1"],
      access: "free",
      reward_coins: 20,
    });
    // The new course opens in its editor, with its outline.
    expect(await screen.findByRole("heading", { name: "Sonlar" })).toBeInTheDocument();
  });
});

describe("the lesson form", () => {
  it("builds a lesson of text and a quiz with its key, completed by the quiz", async () => {
    const api = signedInApi(teacher).on(
      "POST /api/lessions/courses/c1/lessons",
      async (r: Request) =>
        json(201, { ...((await r.json()) as object), id: "l1", course_id: "c1" }),
    );
    await renderApp("/teach/courses/c1/lessons/new?module=m1", api);
    await userEvent.type(await screen.findByRole("textbox", { name: "Nomi" }), "Qoʻshish");
    await userEvent.type(
      screen.getByRole("textbox", { name: /Matn \(Markdown\)/ }),
      "Bugun **qoʻshamiz**",
    );
    await userEvent.selectOptions(
      screen.getByRole("combobox", { name: "Dars qachon tugaydi" }),
      "quiz",
    );
    await userEvent.click(screen.getByRole("button", { name: /Savollar/ }));

    const question = screen.getByRole("group", { name: "1-savol" });
    await userEvent.type(within(question).getByRole("textbox", { name: /^Savol/ }), "2 + 2 = ?");
    await userEvent.type(within(question).getByRole("textbox", { name: "1-variant" }), "3");
    await userEvent.type(within(question).getByRole("textbox", { name: "2-variant" }), "4");
    await userEvent.click(within(question).getByRole("radio", { name: /2-variant toʻgʻri/ }));
    // An empty option added by mistake is dropped, not sent.
    await userEvent.click(within(question).getByRole("button", { name: /Variant qoʻshish/ }));
    await userEvent.click(screen.getByRole("button", { name: /Saqlash/ }));

    await waitFor(() =>
      expect(api.called("POST", "/api/lessions/courses/c1/lessons")).toHaveLength(1),
    );
    expect(api.called("POST", "/api/lessions/courses/c1/lessons")[0]?.body).toMatchObject({
      module_id: "m1",
      title: "Qoʻshish",
      completion: "quiz",
      pass_mark: 60,
      blocks: [
        { type: "text", markdown: "Bugun **qoʻshamiz**" },
        {
          type: "quiz",
          questions: [
            {
              type: "single",
              text: "2 + 2 = ?",
              options: [
                { text: "3", correct: false },
                { text: "4", correct: true },
              ],
            },
          ],
        },
      ],
    });
  });

  it("moves and removes blocks before saving", async () => {
    const api = signedInApi(teacher).on(
      "POST /api/lessions/courses/c1/lessons",
      async (r: Request) =>
        json(201, { ...((await r.json()) as object), id: "l1", course_id: "c1" }),
    );
    await renderApp("/teach/courses/c1/lessons/new?module=m1", api);
    await userEvent.type(await screen.findByRole("textbox", { name: "Nomi" }), "Rasm");
    await userEvent.click(screen.getByRole("button", { name: /Rasm$/ }));
    await userEvent.type(
      screen.getByRole("textbox", { name: /Rasm manzili/ }),
      "https://x.uz/a.png",
    );
    await userEvent.click(screen.getByRole("button", { name: "2-qismni yuqoriga" }));
    await userEvent.click(screen.getByRole("button", { name: "2-qismni oʻchirish" }));
    await userEvent.click(screen.getByRole("button", { name: /Saqlash/ }));
    await waitFor(() =>
      expect(api.called("POST", "/api/lessions/courses/c1/lessons")).toHaveLength(1),
    );
    expect(api.called("POST", "/api/lessions/courses/c1/lessons")[0]?.body).toMatchObject({
      blocks: [{ type: "image", url: "https://x.uz/a.png", caption: "" }],
    });
  });
});
