import { screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { renderApp, signedInApi } from "./harness.tsx";

const child = { id: "c1", role: "student", first_name: "Ali" };
const profile = { avatar: "lion", birth_date: null, grade: 2, school_name: "" };
const mother = { id: "p1", first_name: "Dilnoza", last_name: "", relation: "mother" };

function home(guardians: unknown[]) {
  return signedInApi(child, {
    student_profile: profile,
    family: { children: [], guardians },
  }).on("GET /api/main/wallet", { user_id: "c1", balance: 5, streak_days: 0 });
}

describe("a child's home", () => {
  it("asks a child without a family for a parent's code", async () => {
    await renderApp("/home", home([]));
    expect(await screen.findByText("Ota-onang kod berdimi?")).toBeInTheDocument();
  });

  it("does not ask a child already in a family, and shows the family instead", async () => {
    await renderApp("/home", home([mother]));
    expect(await screen.findByText("Dilnoza")).toBeInTheDocument();
    expect(screen.queryByText("Ota-onang kod berdimi?")).not.toBeInTheDocument();
  });

  it("shows the apps that are not live as greyed, locked tiles that do not link", async () => {
    await renderApp("/home", home([mother]));
    const games = await screen.findByRole("link", { name: /Oʻyinlar/ });
    expect(games).toHaveAttribute("href", expect.stringContaining("games."));
    const tests = screen.getByRole("link", { name: /TestAI/ });
    expect(tests).toHaveAttribute("href", expect.stringContaining("testai."));
    const harf = screen.getByRole("link", { name: /Harf/ });
    expect(harf).toHaveAttribute("href", expect.stringContaining("harf."));
    const lessons = screen.getByRole("link", { name: /Darslar/ });
    expect(lessons).toHaveAttribute("href", expect.stringContaining("lessions."));
  });
});

describe("a teacher's home", () => {
  it("promises what a teacher can do today (classes), not tests that cannot be made yet", async () => {
    const teacher = { id: "t1", role: "teacher", first_name: "Jasur", status: "pending" };
    await renderApp(
      "/home",
      signedInApi(teacher, { teacher_profile: { subjects: [], bio: "" } }).on(
        "GET /api/main/organizations",
        { items: [], total: 0 },
      ),
    );
    expect(await screen.findByText(/sinflar ochib/)).toBeInTheDocument();
    expect(document.body.textContent).not.toMatch(/test/i);
  });
});
