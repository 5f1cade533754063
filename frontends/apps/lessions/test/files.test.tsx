import { screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, describe, expect, it, vi } from "vitest";
import { apiError, json, renderApp, signedInApi } from "./harness.tsx";

const teacher = { id: "t1", role: "teacher", first_name: "Jasur" };
const course = {
  id: "c1",
  owner_id: "t1",
  organization_id: null,
  catalogue: false,
  title: "Sanash",
  description: "",
  subject: "Matematika",
  grades: [1],
  language: "uz",
  cover_url: null,
  cover: null,
  visibility: "public",
  status: "draft",
  access: "free",
  reward_coins: 20,
  badge: "🏅",
  published_at: null,
  group_ids: [],
  modules: [{ id: "m1", title: "Sonlar", position: 1 }],
  lessons: [],
};
const covered = {
  ...course,
  cover: {
    url: "/api/lessions/media/lessions/c1/cover-1.png?s=1",
    variants: [
      { width: 480, url: "/api/lessions/media/lessions/c1/cover-1/w480.webp?s=1" },
      { width: 960, url: "/api/lessions/media/lessions/c1/cover-1/w960.webp?s=1" },
    ],
  },
};

/** XMLHttpRequest as the browser has it: records the method and address, answers the course. */
function fakeUploads(
  sent: { method: string; url: string; body: FormData }[],
  answer: unknown,
  onSaved: () => void,
) {
  class FakeXhr {
    upload: { onprogress: ((event: ProgressEvent) => void) | null } = { onprogress: null };
    onload: (() => void) | null = null;
    onerror: (() => void) | null = null;
    onabort: (() => void) | null = null;
    status = 0;
    responseText = "";
    method = "";
    url = "";
    open(method: string, url: string) {
      this.method = method;
      this.url = url;
    }
    setRequestHeader() {}
    abort() {}
    send(body: FormData) {
      sent.push({ method: this.method, url: this.url, body });
      setTimeout(() => {
        onSaved();
        this.status = 200;
        this.responseText = JSON.stringify(answer);
        this.onload?.();
      }, 10);
    }
  }
  vi.stubGlobal("XMLHttpRequest", FakeXhr);
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe("a course's cover", () => {
  it("uploads a picture as the cover and shows it with its smaller copies", async () => {
    const sent: { method: string; url: string; body: FormData }[] = [];
    let current: object = course;
    fakeUploads(sent, covered, () => {
      current = covered; // as the server keeps it
    });
    const api = signedInApi(teacher)
      .on("GET /api/main/groups", [])
      .on("GET /api/lessions/courses/c1", () => json(200, current));
    await renderApp("/teach/courses/c1", api);
    expect(await screen.findByText("Muqova hali yoʻq.")).toBeInTheDocument();
    const picture = new File([new Uint8Array([137, 80, 78, 71])], "muqova.png", {
      type: "image/png",
    });
    await userEvent.upload(screen.getByLabelText(/Muqova rasmini yuklash/), picture);

    const shown = await screen.findByRole("img", { name: "Kurs muqovasi" });
    expect(shown).toHaveAttribute("src", covered.cover.url);
    expect(shown.getAttribute("srcset")).toContain("w480.webp?s=1 480w");
    expect(sent).toHaveLength(1);
    expect(sent[0]?.method).toBe("PUT");
    expect(sent[0]?.url).toMatch(/\/api\/lessions\/uploads\/courses\/c1\/cover$/);
    expect(sent[0]?.body.get("file")).toBeInstanceOf(File);
  });

  it("takes the cover away", async () => {
    let current: object = covered;
    const api = signedInApi(teacher)
      .on("GET /api/main/groups", [])
      .on("GET /api/lessions/courses/c1", () => json(200, current))
      .on("DELETE /api/lessions/uploads/courses/c1/cover", () => {
        current = course;
        return json(200, course);
      });
    await renderApp("/teach/courses/c1", api);
    await userEvent.click(await screen.findByRole("button", { name: "Muqovani olib tashlash" }));
    expect(await screen.findByText("Muqova hali yoʻq.")).toBeInTheDocument();
    expect(api.called("DELETE", "/api/lessions/uploads/courses/c1/cover")).toHaveLength(1);
  });
});

describe("a lesson's files", () => {
  const source = {
    id: "l1",
    course_id: "c1",
    module_id: "m1",
    position: 1,
    title: "Rasm",
    published: false,
    version: 1,
    free_preview: false,
    required: true,
    completion: "opened",
    pass_mark: 60,
    available_from: null,
    after_previous: false,
    blocks: [{ type: "text", markdown: "Salom", pages: [], questions: [] }],
  };
  const file = (id: string, name: string, spoken = false) => ({
    id,
    lesson_id: "l1",
    kind: spoken ? "audio" : "image",
    media_type: spoken ? "audio/wav" : "image/png",
    size: 2048,
    name,
    spoken,
    url: `https://files.example/${name}`,
    variants: [],
    created_at: "2026-12-07T10:00:00Z",
  });

  it("lists the uploaded files, says when one is still shown, and deletes one that is not", async () => {
    let uploads = [file("u1", "olma.png"), file("u2", "nok.png"), file("s1", "abc.wav", true)];
    const api = signedInApi(teacher)
      .on("GET /api/lessions/lessons/l1/source", source)
      .on("GET /api/lessions/uploads/lessons/l1", () => json(200, uploads))
      .on("DELETE /api/lessions/uploads/u1", () => apiError(409, "upload_in_use"))
      .on("DELETE /api/lessions/uploads/u2", () => {
        uploads = uploads.filter((u) => u.id !== "u2");
        return new Response(null, { status: 204 });
      });
    await renderApp("/teach/lessons/l1", api);
    expect(await screen.findByRole("link", { name: "olma.png" })).toBeInTheDocument();
    // The voice's pages are the server's own, not the author's uploads.
    expect(screen.queryByRole("link", { name: "abc.wav" })).not.toBeInTheDocument();

    await userEvent.click(screen.getByRole("button", { name: "olma.png faylini oʻchirish" }));
    expect(
      await screen.findByText(
        "Bu fayl hali darsda koʻrsatilmoqda: avval uni darsdan olib tashlang.",
      ),
    ).toBeInTheDocument();
    expect(screen.getByRole("link", { name: "olma.png" })).toBeInTheDocument();

    await userEvent.click(screen.getByRole("button", { name: "nok.png faylini oʻchirish" }));
    await waitFor(() =>
      expect(screen.queryByRole("link", { name: "nok.png" })).not.toBeInTheDocument(),
    );
    expect(api.called("DELETE", "/api/lessions/uploads/u2")).toHaveLength(1);
  });
});
