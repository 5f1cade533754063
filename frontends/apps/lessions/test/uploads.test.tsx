import { screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, describe, expect, it, vi } from "vitest";
import { StoryBlock } from "../src/components/blocks/StoryBlock.tsx";
import { json, renderApp, renderWithTexts, signedInApi } from "./harness.tsx";

const teacher = { id: "t1", role: "teacher", first_name: "Jasur" };
const upload = {
  id: "u1",
  lesson_id: "l1",
  kind: "image",
  media_type: "image/png",
  size: 2048,
  name: "olma.png",
  url: "https://files.example/olma.png",
  variants: [],
  created_at: "2026-12-07T10:00:00Z",
};
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
  blocks: [{ type: "image", url: "https://x.uz/eski.png", caption: "", pages: [], questions: [] }],
};

/** XMLHttpRequest as the browser has it, answering each upload after a half-way progress event. */
function fakeUploads(onSend: (body: FormData) => void) {
  class FakeXhr {
    upload: { onprogress: ((event: ProgressEvent) => void) | null } = { onprogress: null };
    onload: (() => void) | null = null;
    onerror: (() => void) | null = null;
    onabort: (() => void) | null = null;
    status = 0;
    responseText = "";
    open() {}
    setRequestHeader() {}
    abort() {}
    send(body: FormData) {
      onSend(body);
      setTimeout(() => {
        this.upload.onprogress?.({ lengthComputable: true, loaded: 1, total: 2 } as ProgressEvent);
        setTimeout(() => {
          this.status = 201;
          this.responseText = JSON.stringify(upload);
          this.onload?.();
        }, 500); // half-way for a while, as a file on a slow phone line
      }, 10);
    }
  }
  vi.stubGlobal("XMLHttpRequest", FakeXhr);
}

afterEach(() => {
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

describe("uploading to a lesson", () => {
  it("shows the upload's progress and puts the uploaded picture in the block", async () => {
    const sent: FormData[] = [];
    fakeUploads((body) => sent.push(body));
    let uploads: unknown[] = [];
    const api = signedInApi(teacher)
      .on("GET /api/lessions/lessons/l1/source", source)
      .on("GET /api/lessions/uploads/lessons/l1", () => json(200, uploads))
      .on("PUT /api/lessions/lessons/l1", async (r: Request) =>
        json(200, { ...source, ...((await r.json()) as object) }),
      );
    await renderApp("/teach/lessons/l1", api);
    const input = await screen.findByLabelText(/Rasm yuklash/);
    uploads = [upload];
    await userEvent.upload(input, new File(["png"], "olma.png", { type: "image/png" }));
    await waitFor(() =>
      expect(screen.getByRole("progressbar", { name: "Yuklanmoqda" })).toHaveAttribute(
        "aria-valuenow",
        "50",
      ),
    );
    expect(await screen.findByText("olma.png")).toBeInTheDocument();
    expect(sent[0]?.get("kind")).toBe("image");
    expect(sent[0]?.get("file")).toMatchObject({ name: "olma.png" });

    await userEvent.click(screen.getByRole("button", { name: /Saqlash/ }));
    await waitFor(() => expect(api.called("PUT", "/api/lessions/lessons/l1")).toHaveLength(1));
    const body = api.called("PUT", "/api/lessions/lessons/l1")[0]?.body as {
      blocks: Record<string, unknown>[];
    };
    expect(body.blocks[0]).toEqual({ type: "image", upload_id: "u1", caption: "" });
  });

  it("asks to save a new lesson before its files are uploaded", async () => {
    await renderApp("/teach/courses/c1/lessons/new?module=m1", signedInApi(teacher));
    await userEvent.click(await screen.findByRole("button", { name: /Rasm$/ }));
    expect(screen.getByText("Fayl yuklash uchun avval darsni saqlang.")).toBeInTheDocument();
  });
});

describe("a story read aloud page by page", () => {
  it("plays each page's own recording, and the story's track on a page without one", async () => {
    const played: string[] = [];
    vi.spyOn(HTMLMediaElement.prototype, "play").mockImplementation(function (
      this: HTMLMediaElement,
    ) {
      played.push(this.getAttribute("src") ?? "");
      return Promise.resolve();
    });
    vi.spyOn(HTMLMediaElement.prototype, "pause").mockImplementation(() => undefined);
    const story = {
      type: "story",
      title: "Quyoncha",
      audio_url: "https://x.uz/hammasi.ogg",
      pages: [
        { text: "Bir", image_url: null, picture: "🐰", audio_url: "https://x.uz/1.ogg" },
        { text: "Ikki", image_url: null, picture: "", audio_url: null },
      ],
      questions: [],
    };
    await renderWithTexts(<StoryBlock block={story} />);
    expect(screen.getByText("🐰")).toBeInTheDocument();
    await userEvent.click(screen.getByRole("button", { name: /Ovoz bilan/ }));
    await userEvent.click(screen.getByRole("button", { name: "Keyingi sahifa" }));
    await userEvent.click(screen.getByRole("button", { name: /Ovoz bilan/ }));
    expect(played).toEqual(["https://x.uz/1.ogg", "https://x.uz/hammasi.ogg"]);
  });
});
