import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { olympiad, page, round, student, studentProfile } from "./fixtures.ts";
import { json, renderApp, signedInApi } from "./harness.tsx";

const parent = { id: "p1", role: "parent", first_name: "Dilnoza" };
const child = (id: string, first_name: string, grade: number) => ({
  id,
  first_name,
  last_name: "Karimova",
  username: first_name.toLowerCase(),
  grade,
  avatar: "lion",
  birth_date: null,
});

describe("the olympiads", () => {
  it("groups them into open, coming and past, and says whether I can take part", async () => {
    const api = signedInApi(student, studentProfile).on(
      "GET /api/olimp/olympiads",
      page([
        olympiad(),
        olympiad({ id: "o2", title: { uz: "Qishki", ru: "", en: "" }, state: "finished" }),
        olympiad({
          id: "o3",
          title: { uz: "Kuzgi", ru: "", en: "" },
          state: "announced",
          grade_min: 9,
          grade_max: 11,
        }),
      ]),
    );
    await renderApp("/", api);
    const open = await screen.findByRole("region", { name: "Hozir ochiq" });
    expect(within(open).getByRole("link", { name: "Kenguru matematika" })).toBeInTheDocument();
    expect(within(open).getByText("✓ Siz qatnasha olasiz")).toBeInTheDocument();
    const coming = screen.getByRole("region", { name: "Tez kunda" });
    expect(within(coming).getByText("Bu olimpiada boshqa sinflar uchun")).toBeInTheDocument();
    expect(
      within(screen.getByRole("region", { name: "Oʻtganlar" })).getByText("Qishki"),
    ).toBeInTheDocument();
    // No "new olympiad" for a child, and nothing to buy.
    expect(screen.queryByRole("link", { name: /Yangi olimpiada/ })).not.toBeInTheDocument();
  });

  it("counts down to the start on the server's clock, not this device's", async () => {
    // The server says it is 09:58:00; the round opens at 09:59:30. This device is years away.
    const api = signedInApi(student, studentProfile)
      .on(
        "GET /api/olimp/olympiads/o1",
        olympiad({
          state: "registration",
          server_time: "2030-03-01T09:58:00Z",
          rounds: [round({ opens_at: "2030-03-01T09:59:30Z" })],
        }),
      )
      .on("GET /api/olimp/olympiads/o1/registrations", page([]));
    await renderApp("/olympiads/o1", api);
    const countdown = await screen.findByTestId("countdown");
    expect(countdown.textContent).toMatch(/^01:(30|29)$/);
  });

  it("lets a parent register a child whose grade fits, and cancel", async () => {
    const registrations: unknown[] = [];
    const api = signedInApi(parent)
      .on("GET /api/olimp/olympiads/o1", olympiad())
      .on("GET /api/main/children", [child("c1", "Laylo", 6), child("c2", "Ali", 2)])
      .on("GET /api/olimp/olympiads/o1/registrations", () => json(200, page(registrations)))
      .on("POST /api/olimp/olympiads/o1/registrations", async (request: Request) => {
        const body = (await request.json()) as { student_id: string; school: string };
        registrations.push({
          id: "reg1",
          olympiad_id: "o1",
          student_id: body.student_id,
          grade: 6,
          region: "andijan",
          district: "",
          school: body.school,
          created_at: "2030-02-15T10:00:00Z",
        });
        return json(201, registrations[0]);
      })
      .on("DELETE /api/olimp/olympiads/o1/registrations/c1", () => {
        registrations.length = 0;
        return new Response(null, { status: 204 });
      });
    await renderApp("/olympiads/o1", api);
    const chooser = await screen.findByLabelText(/^Farzand/);
    // Ali is in grade 2: not offered for grades 5–7.
    expect(within(chooser).queryByRole("option", { name: "Ali" })).not.toBeInTheDocument();
    await userEvent.selectOptions(chooser, "c1");
    await userEvent.selectOptions(screen.getByLabelText("Viloyat"), "andijan");
    await userEvent.type(screen.getByLabelText("Maktab"), "12-maktab");
    await userEvent.click(screen.getByRole("button", { name: "Farzandni roʻyxatdan oʻtkazish" }));
    expect(await screen.findByText(/✓ Laylo/)).toBeInTheDocument();
    expect(api.called("POST", "/api/olimp/olympiads/o1/registrations")[0]?.body).toEqual({
      student_id: "c1",
      region: "andijan",
      district: "",
      school: "12-maktab",
    });
    await userEvent.click(
      screen.getByRole("button", { name: "Layloning roʻyxatini bekor qilish" }),
    );
    await waitFor(() => expect(screen.queryByText(/✓ Laylo/)).not.toBeInTheDocument());
  });

  it("shows a registered student the way in once the round is open", async () => {
    const api = signedInApi(student, studentProfile)
      .on(
        "GET /api/olimp/olympiads/o1",
        olympiad({
          state: "running",
          server_time: "2030-03-01T09:30:00Z",
          registration_closes_at: "2030-03-01T09:00:00Z",
        }),
      )
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
      );
    await renderApp("/olympiads/o1", api);
    const start = await screen.findByRole("link", { name: /Boshlash/ });
    expect(start).toHaveAttribute("href", "/olympiads/o1/rounds/r1/paper");
    expect(screen.getByText("Roʻyxatdan oʻtish hozir yopiq.")).toBeInTheDocument();
  });
});
