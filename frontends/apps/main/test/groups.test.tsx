import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { apiError, json, path, renderApp, signedInApi } from "./harness.tsx";

const teacher = { id: "t1", role: "teacher", first_name: "Jasur" };
const child = { id: "c1", role: "student", first_name: "Ali" };
const group = (extra = {}) => ({
  id: "g1",
  name: "3-A",
  subject: "Matematika",
  grade: 3,
  organization_id: null,
  teacher_id: "t1",
  teacher_name: "Jasur Toshmatov",
  join_code: "G2P8-2SGR",
  member_count: 1,
  archived_at: null,
  created_at: "2026-11-20T10:00:00Z",
  ...extra,
});
const ali = {
  student_id: "c1",
  first_name: "Ali",
  last_name: "Karimov",
  username: "ali",
  joined_at: "2026-11-20T10:00:00Z",
};
const summary = {
  id: "g1",
  name: "3-A",
  subject: "Matematika",
  grade: 3,
  teacher_name: "Jasur Toshmatov",
  organization_name: "Ziyo",
  joined_at: "2026-11-20T10:00:00Z",
};

describe("a teacher's classes", () => {
  it("creates a class and lands on it with its join code", async () => {
    const api = signedInApi(teacher)
      .on("GET /api/main/groups", [])
      .on("POST /api/main/groups", () => json(201, group({ member_count: 0 })))
      .on("GET /api/main/groups/:id", group({ member_count: 0 }))
      .on("GET /api/main/groups/:id/members", []);
    await renderApp("/groups", api);
    const user = userEvent.setup();
    expect(await screen.findByText("Hali sinf yoʻq")).toBeInTheDocument();
    await user.click(screen.getAllByRole("button", { name: /Yangi sinf/ })[0] as HTMLElement);
    const dialog = screen.getByRole("dialog");
    await user.type(within(dialog).getByLabelText(/Sinf nomi/), "3-A");
    await user.type(within(dialog).getByLabelText("Fan"), "Matematika");
    await user.selectOptions(within(dialog).getByLabelText("Sinf"), "3");
    await user.click(within(dialog).getByRole("button", { name: "Sinf ochish" }));
    await waitFor(() => expect(path()).toBe("/groups/g1"));
    expect(api.called("POST", "/api/main/groups")[0]?.body).toEqual({
      name: "3-A",
      subject: "Matematika",
      grade: 3,
    });
    expect(await screen.findByText("G2P8-2SGR")).toBeInTheDocument();
    expect(await screen.findByText("Sinfda hali oʻquvchi yoʻq")).toBeInTheDocument();
  });

  it("edits a class with the same fields, keeping a refused name at its field", async () => {
    let tries = 0;
    const api = signedInApi(teacher)
      .on("GET /api/main/groups/:id", group())
      .on("GET /api/main/groups/:id/members", [ali])
      .on("PATCH /api/main/groups/:id", async (request: Request) => {
        tries += 1;
        if (tries === 1) {
          return apiError(422, "validation_error", {
            fields: [{ field: "body.name", message: "too long", type: "string_too_long" }],
          });
        }
        return json(200, { ...group(), ...((await request.json()) as object) });
      });
    await renderApp("/groups/g1", api);
    const user = userEvent.setup();
    await user.click(await screen.findByRole("button", { name: "Tahrirlash" }));
    const dialog = screen.getByRole("dialog");
    expect(within(dialog).getByLabelText(/Sinf nomi/)).toHaveValue("3-A");
    expect(within(dialog).getByLabelText("Sinf")).toHaveValue("3");
    await user.clear(within(dialog).getByLabelText("Fan"));
    await user.type(within(dialog).getByLabelText("Fan"), "Ona tili");
    await user.click(within(dialog).getByRole("button", { name: "Saqlash" }));
    expect(
      await within(dialog).findByText("Bu maydon notoʻgʻri toʻldirilgan."),
    ).toBeInTheDocument();
    expect(
      within(dialog).queryByText("Baʼzi maydonlar toʻldirilmagan yoki notoʻgʻri."),
    ).not.toBeInTheDocument();
    await user.click(within(dialog).getByRole("button", { name: "Saqlash" }));
    await waitFor(() => expect(screen.queryByRole("dialog")).not.toBeInTheDocument());
    expect(api.called("PATCH", "/api/main/groups/g1")[1]?.body).toEqual({
      name: "3-A",
      subject: "Ona tili",
      grade: 3,
    });
  });

  it("invites a student by username; the same answer whether or not it exists", async () => {
    const api = signedInApi(teacher)
      .on("GET /api/main/groups/:id", group())
      .on("GET /api/main/groups/:id/members", [ali])
      .on("POST /api/main/groups/:id/invitations", async (request: Request) => {
        const body = (await request.json()) as { username: string };
        return json(202, { id: "i1", username: body.username, created_at: "2026-12-07T10:00:00Z" });
      });
    await renderApp("/groups/g1", api);
    const user = userEvent.setup();
    const field = await screen.findByLabelText(/login orqali/);
    await user.type(field, "@laylo");
    await user.click(screen.getByRole("button", { name: "Qoʻshish" }));
    expect(
      await screen.findByText(
        "laylo uchun taklif yuborildi. Ota-onasi qabul qilganda oʻquvchi guruhga qoʻshiladi.",
      ),
    ).toBeInTheDocument();
    expect(api.called("POST", "/api/main/groups/g1/invitations")[0]?.body).toEqual({
      username: "laylo",
    });
  });

  it("removes a student after a confirmation, and archives the class", async () => {
    const api = signedInApi(teacher)
      .on("GET /api/main/groups/:id", group())
      .on("GET /api/main/groups/:id/members", [ali])
      .on("DELETE /api/main/groups/:id/members/:sid", () => new Response(null, { status: 204 }))
      .on("POST /api/main/groups/:id/archive", () =>
        json(200, group({ archived_at: "2026-11-21T10:00:00Z" })),
      );
    await renderApp("/groups/g1", api);
    const user = userEvent.setup();
    await user.click(await screen.findByRole("button", { name: "Sinfdan chiqarish" }));
    let dialog = screen.getByRole("dialog");
    await user.click(within(dialog).getByRole("button", { name: "Sinfdan chiqarish" }));
    expect(await screen.findByText("Ali sinfdan chiqarildi.")).toBeInTheDocument();
    expect(api.called("DELETE", "/api/main/groups/g1/members/c1")).toHaveLength(1);

    await user.click(screen.getByRole("button", { name: "Arxivlash" }));
    dialog = screen.getByRole("dialog", { name: "3-A arxivlansinmi?" });
    await user.click(within(dialog).getByRole("button", { name: "Arxivlash" }));
    expect(await screen.findByText(/Bu sinf arxivda/)).toBeInTheDocument();
    expect(screen.queryByText("G2P8-2SGR")).not.toBeInTheDocument();
  });

  it("waits for the approval before a class can be opened", async () => {
    const api = signedInApi({ ...teacher, status: "pending" });
    await renderApp("/groups", api);
    expect(await screen.findByText("Hisobingiz tasdiqlanishini kutmoqda")).toBeInTheDocument();
    expect(api.called("GET", "/api/main/groups")).toHaveLength(0);
  });
});

describe("a child's classes", () => {
  it("joins a class with the teacher's code", async () => {
    let joined = false;
    const api = signedInApi(child)
      .on("GET /api/main/me/groups", () => json(200, joined ? [summary] : []))
      .on("POST /api/main/groups/join", async (request: Request) => {
        const body = (await request.json()) as { code: string };
        if (body.code !== "G2P8-2SGR") return apiError(404, "join_code_not_valid");
        joined = true;
        return json(201, summary);
      });
    await renderApp("/classes", api);
    const user = userEvent.setup();
    const field = await screen.findByLabelText("Oʻqituvchi bergan kod");
    await user.type(field, "abcd2345");
    expect(field).toHaveValue("ABCD-2345");
    await user.click(screen.getByRole("button", { name: "Qoʻshilish" }));
    expect(await screen.findByText(/Kod notoʻgʻri yoki guruh yopilgan/)).toBeInTheDocument();
    await user.clear(field);
    await user.type(field, "g2p8 2sgr");
    await user.click(screen.getByRole("button", { name: "Qoʻshilish" }));
    expect(await screen.findByText("3-A sinfiga qoʻshilding!")).toBeInTheDocument();
    expect(await screen.findByText("Oʻqituvchi: Jasur Toshmatov · Ziyo")).toBeInTheDocument();
  });

  it("are shown to their parent on the child's page", async () => {
    const parent = { id: "p1", role: "parent", first_name: "Dilnoza" };
    const api = signedInApi(parent)
      .on("GET /api/main/children/:id", {
        id: "c1",
        first_name: "Ali",
        last_name: "Karimov",
        username: "ali",
        status: "active",
        avatar: "",
        grade: 2,
        birth_date: null,
        school_name: "",
        relation: "mother",
        language: "uz",
        created_at: "2026-01-01T00:00:00Z",
        last_login_at: null,
        pin_failed_attempts: 0,
        pin_locked_until: null,
        covered_by_plan: false,
      })
      .on("GET /api/main/wallet/children/:id", { user_id: "c1", balance: 40, streak_days: 2 })
      .on("GET /api/main/children/:id/groups", [summary]);
    await renderApp("/children/c1", api);
    expect(await screen.findByRole("heading", { name: "Alining sinflari" })).toBeInTheDocument();
    expect(await screen.findByText("3-A")).toBeInTheDocument();
    expect(screen.getByText("Alining tangalari")).toBeInTheDocument();
    expect(screen.getByText("2 kun ketma-ket")).toBeInTheDocument();
  });

  it("join a child's classes only when the parent allows the teacher's invitation", async () => {
    const parent = { id: "p1", role: "parent", first_name: "Dilnoza" };
    let accepted = false;
    const invitation = {
      id: "i1",
      group_name: "3-A",
      subject: "Matematika",
      grade: 3,
      teacher_name: "Jasur Toshmatov",
      organization_name: "Ziyo",
      created_at: "2026-12-07T10:00:00Z",
    };
    const api = signedInApi(parent)
      .on("GET /api/main/children/:id", {
        id: "c1",
        first_name: "Ali",
        last_name: "Karimov",
        username: "ali",
        status: "active",
        avatar: "",
        grade: 2,
        birth_date: null,
        school_name: "",
        relation: "mother",
        language: "uz",
        created_at: "2026-01-01T00:00:00Z",
        last_login_at: null,
        pin_failed_attempts: 0,
        pin_locked_until: null,
        covered_by_plan: false,
      })
      .on("GET /api/main/wallet/children/:id", { user_id: "c1", balance: 40, streak_days: 2 })
      .on("GET /api/main/children/:id/group-invitations", () =>
        json(200, accepted ? [] : [invitation]),
      )
      .on("POST /api/main/children/:id/group-invitations/:iid/accept", () => {
        accepted = true;
        return json(200, summary);
      })
      .on("GET /api/main/children/:id/groups", () => json(200, accepted ? [summary] : []));
    await renderApp("/children/c1", api);
    expect(
      await screen.findByRole("heading", { name: "Alini sinfga taklif qilishdi" }),
    ).toBeInTheDocument();
    await userEvent.setup().click(screen.getByRole("button", { name: "Ruxsat berish" }));
    expect(await screen.findByText("3-A sinfiga qoʻshildi.")).toBeInTheDocument();
    expect(api.called("POST", "/api/main/children/c1/group-invitations/i1/accept")).toHaveLength(1);
  });
});
