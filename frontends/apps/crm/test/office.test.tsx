import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { apiError, json, path, renderApp, signedInApi } from "./harness.tsx";

const user = { id: "u1", role: "organization", first_name: "Ziyo" };
const ORG = "org1";
const BASE = `/api/crm/organizations/${ORG}`;
const office = (role = "director", permissions?: string[]) => ({
  organization_id: ORG,
  organization_name: "Ziyo oʻquv markazi",
  role,
  permissions: permissions ?? [
    "manage_groups",
    "manage_leads",
    "manage_staff",
    "manage_students",
    "view_groups",
    "view_staff",
    "view_students",
  ],
});
const stages = [
  { id: "s1", name: "Yangi", position: 0 },
  { id: "s2", name: "Bogʻlanildi", position: 1 },
];
const lead = (id: string, name: string, stage_id: string) => ({
  id,
  name,
  phone: "+998901234567",
  source: "instagram",
  status: "open",
  stage_id,
  subject: "",
  level: "",
  preferred_times: "",
  assignee_id: null,
  next_step_on: null,
  lost_reason: null,
  student_id: null,
  created_at: "2026-12-07T10:00:00Z",
});
const page = (items: unknown[], total = items.length) => ({ items, total, limit: 20, offset: 0 });

function officeApi(role?: string, permissions?: string[]) {
  return signedInApi(user)
    .on("GET /api/crm/organizations", [office(role, permissions)])
    .on(`GET ${BASE}/me`, office(role, permissions))
    .on(`GET ${BASE}/lead-stages`, stages)
    .on("GET /api/main/groups", []);
}

describe("the office", () => {
  it("opens my only office at its first section for my role", async () => {
    await renderApp("/", officeApi().on(`GET ${BASE}/leads`, page([])));
    await waitFor(() => expect(path()).toBe(`/o/${ORG}/leads`));
    expect(await screen.findByRole("heading", { name: "Lidlar" })).toBeInTheDocument();
  });

  it("shows a teacher only the sections a teacher may open", async () => {
    const api = officeApi("teacher", ["view_groups", "mark_attendance"]).on(
      `GET ${BASE}/groups`,
      [],
    );
    await renderApp(`/o/${ORG}`, api);
    await waitFor(() => expect(path()).toBe(`/o/${ORG}/groups`));
    const nav = await screen.findByRole("navigation", { name: "Ofis boʻlimlari" });
    expect(
      within(nav)
        .getAllByRole("link")
        .map((a) => a.textContent),
    ).toEqual(["👥Guruhlar", "🗓️Darslar"]);
  });
});

describe("the lead board", () => {
  it("shows each open lead in its stage's column and moves one by its stage menu", async () => {
    let leads = [lead("l1", "Aziza", "s1"), lead("l2", "Otabek", "s1")];
    const api = officeApi()
      .on(`GET ${BASE}/leads`, () => json(200, page(leads)))
      .on(`PATCH ${BASE}/leads/:id`, async (request: Request, params: Record<string, string>) => {
        const body = (await request.json()) as { stage_id: string };
        leads = leads.map((l) => (l.id === params.id ? { ...l, stage_id: body.stage_id } : l));
        return json(
          200,
          leads.find((l) => l.id === params.id),
        );
      });
    await renderApp(`/o/${ORG}/leads`, api);
    const yangi = await screen.findByRole("region", { name: /Yangi/ });
    expect(
      within(yangi)
        .getAllByRole("link")
        .map((a) => a.textContent),
    ).toEqual(["Aziza", "Otabek"]);

    await userEvent.selectOptions(
      screen.getByRole("combobox", { name: "Azizani bosqichga oʻtkazish" }),
      "s2",
    );

    const next = screen.getByRole("region", { name: /Bogʻlanildi/ });
    await waitFor(() => expect(within(next).getByRole("link", { name: "Aziza" })).toBeVisible());
    expect(api.called("PATCH", `${BASE}/leads/l1`).map((c) => c.body)).toEqual([
      { stage_id: "s2" },
    ]);
    expect(api.called("GET", `${BASE}/leads`)[0]?.path).toContain("status=open");
  });

  it("puts a lead back when the server refuses the move", async () => {
    const api = officeApi()
      .on(`GET ${BASE}/leads`, page([lead("l1", "Aziza", "s1")]))
      .on(`PATCH ${BASE}/leads/:id`, () => apiError(409, "lead_closed"));
    await renderApp(`/o/${ORG}/leads`, api);
    await userEvent.selectOptions(
      await screen.findByRole("combobox", { name: "Azizani bosqichga oʻtkazish" }),
      "s2",
    );
    await waitFor(() => expect(api.called("PATCH", `${BASE}/leads/l1`)).toHaveLength(1));
    const yangi = screen.getByRole("region", { name: /Yangi/ });
    await waitFor(() => expect(within(yangi).getByRole("link", { name: "Aziza" })).toBeVisible());
  });
});

describe("the leads table", () => {
  it("asks the server for the sort, filter and page in the address, and writes changes there", async () => {
    const many = Array.from({ length: 20 }, (_, i) => lead(`l${i}`, `Lid ${i}`, "s1"));
    const api = officeApi().on(`GET ${BASE}/leads`, page(many, 45));
    await renderApp(`/o/${ORG}/leads?view=table&source=telegram&page=2`, api);
    expect(await screen.findByText("45 tadan 21–40")).toBeInTheDocument();
    const first = api.calls.find((c) => c.path.startsWith(`${BASE}/leads?`));
    expect(first?.path).toContain("source=telegram");
    expect(first?.path).toContain("offset=20");
    expect(first?.path).toContain("sort=-created_at");

    await userEvent.click(screen.getByRole("button", { name: /^Ism/ }));
    await waitFor(() => expect(path()).toContain("sort=name"));
    expect(path()).not.toContain("page=2");
    await waitFor(() =>
      expect(
        api.calls.some((c) => c.path.includes("sort=name") && c.path.includes("offset=0")),
      ).toBe(true),
    );

    await userEvent.click(screen.getByRole("button", { name: "Keyingi →" }));
    await waitFor(() => expect(path()).toContain("page=2"));
    expect(path()).toContain("source=telegram");
  });
});

describe("turning a lead into a student", () => {
  it("makes the card with the parent's phone and enrols it in the chosen group", async () => {
    const api = officeApi()
      .on(`GET ${BASE}/leads/l1`, {
        ...lead("l1", "Aziza Mahmudova", "s1"),
        duplicates: [],
        students_with_phone: [],
      })
      .on(`GET ${BASE}/leads/l1/activities`, [])
      .on(`GET ${BASE}/groups`, [
        {
          id: "g1",
          study_group_id: "sg1",
          name: "Ingliz tili",
          subject: "",
          teacher_id: "t1",
          room_id: null,
          starts_on: "2026-11-01",
          ends_on: null,
          monthly_price: 45_000_000,
          capacity: 12,
          schedule: [],
        },
      ])
      .on(`POST ${BASE}/leads/l1/convert`, {
        id: "st1",
        first_name: "Aziza",
        last_name: "Mahmudova",
        phone: null,
        birth_date: null,
        parent_name: "",
        parent_phone: "+998901234567",
        notes: "",
        debt: 0,
        created_at: "2026-12-07T10:00:00Z",
      })
      .on(`POST ${BASE}/groups/g1/enrolments`, (request: Request) =>
        json(201, { id: "e1", request: request.url }),
      )
      .on(`GET ${BASE}/students/st1`, {
        id: "st1",
        first_name: "Aziza",
        last_name: "Mahmudova",
        phone: null,
        birth_date: null,
        parent_name: "",
        parent_phone: "+998901234567",
        notes: "",
        debt: 0,
        created_at: "2026-12-07T10:00:00Z",
      });
    await renderApp(`/o/${ORG}/leads/l1`, api);
    await userEvent.click(await screen.findByRole("button", { name: "Oʻquvchi qilish" }));
    const dialog = await screen.findByRole("dialog");
    expect(within(dialog).getByRole("textbox", { name: /Ismi/ })).toHaveValue("Aziza");
    expect(within(dialog).getByRole("textbox", { name: /Familiyasi/ })).toHaveValue("Mahmudova");
    await userEvent.selectOptions(
      within(dialog).getByRole("combobox", { name: "Guruhga yozish" }),
      "g1",
    );
    await userEvent.click(within(dialog).getByRole("button", { name: "Oʻquvchi qilish" }));

    await waitFor(() => expect(path()).toBe(`/o/${ORG}/students/st1`));
    expect(api.called("POST", `${BASE}/leads/l1/convert`)[0]?.body).toMatchObject({
      first_name: "Aziza",
      last_name: "Mahmudova",
      parent_phone: "+998901234567",
    });
    expect(api.called("POST", `${BASE}/groups/g1/enrolments`)[0]?.body).toMatchObject({
      student_id: "st1",
    });
  });
});
