import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { forgetSounds } from "../src/lib/audio.ts";
import { A_STROKES, exercise, harfApi, json } from "./fixtures.ts";
import { apiError, renderApp } from "./harness.tsx";

const play = vi.fn(() => Promise.resolve());

beforeEach(() => {
  forgetSounds();
  play.mockClear();
  vi.spyOn(HTMLMediaElement.prototype, "play").mockImplementation(play);
  vi.spyOn(HTMLMediaElement.prototype, "pause").mockImplementation(() => undefined);
});
afterEach(() => vi.restoreAllMocks());

/** The practice page on one exercise; `answer` is the server's verdict. */
function practise(made: ReturnType<typeof exercise>, answer: unknown) {
  const api = harfApi()
    .on("POST /api/harf/alphabets/:code/letters/:number/exercises", () => json(201, made))
    .on("POST /api/harf/exercises/:id/answer", answer)
    .on("POST /api/harf/exercises/:id/trace", answer);
  return api;
}

const right = (answer: string[]) => ({ correct: true, answer, milestones: [] });
const wrong = (answer: string[]) => ({ correct: false, answer, milestones: [] });

describe("hear and tap", () => {
  it("says the letter, takes the tap and praises a right answer; next brings another", async () => {
    const api = practise(exercise("hear_and_tap"), right(["a"]));
    await renderApp("/uz-Latn/practise?letter=1&kind=hear_and_tap", api);
    expect(await screen.findByText("Tingla va harfni top")).toBeInTheDocument();
    await waitFor(() => expect(play).toHaveBeenCalled());
    // the letter's sound, not its name, is what the child matches to the letter
    expect(
      api.called("GET", "/api/harf/alphabets/uz-Latn/letters/1/audio").map((c) => c.path),
    ).toEqual(["/api/harf/alphabets/uz-Latn/letters/1/audio?as=sound"]);
    expect(api.called("POST", "/api/harf/alphabets/uz-Latn/letters/1/exercises")[0]?.path).toBe(
      "/api/harf/alphabets/uz-Latn/letters/1/exercises?kind=hear_and_tap",
    );

    await userEvent.click(screen.getByRole("button", { name: "a" }));
    expect(await screen.findByRole("status")).toHaveTextContent("Barakalla!");
    expect(api.called("POST", "/api/harf/exercises/e-hear_and_tap/answer")[0]?.body).toEqual({
      answer: ["a"],
    });
    expect(screen.getByText("Yulduzlar: 1")).toBeInTheDocument();
    expect(screen.getByRole("button", { name: "b" })).toBeDisabled(); // one answer only

    await userEvent.click(screen.getByRole("button", { name: /Keyingisi/ }));
    await waitFor(() =>
      expect(api.called("POST", "/api/harf/alphabets/uz-Latn/letters/1/exercises")).toHaveLength(2),
    );
  });
});

describe("find in a word", () => {
  it("shows the word and its picture, and after a mistake the right letter", async () => {
    const made = exercise("find_in_word", { prompt: "ari", emoji: "🐝", word: 1 });
    const api = practise(made, wrong(["a"]));
    await renderApp("/uz-Latn/practise?letter=1&kind=find_in_word", api);
    expect(await screen.findByText("ari")).toBeInTheDocument();
    expect(screen.getByText("🐝")).toBeInTheDocument();

    await userEvent.click(screen.getByRole("button", { name: "Soʻzni tinglash" }));
    await waitFor(() =>
      expect(api.calls.some((c) => c.path.endsWith("/letters/1/audio?word=1"))).toBe(true),
    );
    await userEvent.click(screen.getByRole("button", { name: "b" }));
    expect(await screen.findByRole("status")).toHaveTextContent("Toʻgʻrisi: a");
    expect(screen.getByRole("button", { name: "a✓" })).toHaveClass("bg-emerald-100");
    expect(screen.getByRole("button", { name: "b" })).toHaveClass("bg-rose-100");
    expect(screen.getByText("Yulduzlar: 0")).toBeInTheDocument();
  });
});

describe("match the case", () => {
  it("shows the capital and sends the small letter tapped", async () => {
    const api = practise(exercise("match_case", { prompt: "A" }), right(["a"]));
    await renderApp("/uz-Latn/practise?letter=1&kind=match_case", api);
    expect(await screen.findByText("Kichik harfini top")).toBeInTheDocument();
    expect(within(screen.getByRole("main")).getByText("A")).toBeInTheDocument();
    await userEvent.click(screen.getByRole("button", { name: "a" }));
    expect(await screen.findByRole("status")).toHaveTextContent("Barakalla!");
  });
});

describe("build a word", () => {
  it("puts the tapped tiles in order, takes one back, and sends the word", async () => {
    const made = exercise("build_word", { emoji: "🐝", word: 1, choices: ["r", "a", "i"] });
    const api = practise(made, right(["a", "r", "i"]));
    await renderApp("/uz-Latn/practise?letter=1&kind=build_word", api);
    expect(await screen.findByText("Soʻzni harflardan yig")).toBeInTheDocument();
    const check = screen.getByRole("button", { name: "Tayyor" });
    expect(check).toBeDisabled();

    for (const tile of ["a", "r", "r"])
      await userEvent.click(screen.getByRole("button", { name: tile }));
    await userEvent.click(screen.getByRole("button", { name: "Oʻchirish" }));
    await userEvent.click(screen.getByRole("button", { name: "i" }));
    expect(screen.getByRole("status", { name: "Mening soʻzim" })).toHaveTextContent("ari");
    await userEvent.click(check);

    await screen.findByText("Barakalla!");
    expect(api.called("POST", "/api/harf/exercises/e-build_word/answer")[0]?.body).toEqual({
      answer: ["a", "r", "i"],
    });
  });
});

describe("minimal pairs", () => {
  it("hides the letter in the word and offers the two that children confuse", async () => {
    const made = exercise("minimal_pair", {
      prompt: "_oʻl",
      emoji: "✋",
      word: 2,
      choices: ["q", "k"],
    });
    const api = practise(made, right(["q"]));
    await renderApp("/uz-Latn/practise?letter=1&kind=minimal_pair", api);
    expect(await screen.findByText("Qaysi harf yetishmayapti?")).toBeInTheDocument();
    expect(screen.getByText("…oʻl")).toBeInTheDocument(); // read out with a gap
    expect(screen.getAllByRole("button", { name: /^[qk]$/ })).toHaveLength(2);
    await userEvent.click(screen.getByRole("button", { name: "q" }));
    expect(await screen.findByRole("status")).toHaveTextContent("Barakalla!");
  });
});

describe("the bridge between scripts", () => {
  it("asks for the Cyrillic letter of a Latin one", async () => {
    const made = exercise("script_bridge", { prompt: "A", choices: ["а", "б", "д", "е"] });
    const api = practise(made, right(["а"]));
    await renderApp("/uz-Latn/practise?letter=1&kind=script_bridge", api);
    expect(await screen.findByText("Bu harf kirillchada qanday?")).toBeInTheDocument();
    await userEvent.click(screen.getByRole("button", { name: "а" }));
    await screen.findByText("Barakalla!");
    expect(api.called("POST", "/api/harf/exercises/e-script_bridge/answer")[0]?.body).toEqual({
      answer: ["а"],
    });
  });
});

describe("tracing", () => {
  it("sends a good trace as soon as the last stroke ends, in the letter's units", async () => {
    const made = exercise("trace", { prompt: "A", choices: [], strokes: A_STROKES });
    const api = practise(made, right(["A"]));
    await renderApp("/uz-Latn/practise?letter=1&kind=trace", api);
    const canvas = await screen.findByRole("img", { name: "A harfini barmogʻing bilan chiz" });
    // The letter's box with its margin (x -0.3..1.1, y -0.3..1.3) drawn 140 by 160 pixels.
    canvas.getBoundingClientRect = () =>
      ({ left: 0, top: 0, width: 140, height: 160, right: 140, bottom: 160 }) as DOMRect;
    const at = (x: number, y: number) => ({ clientX: (x + 0.3) * 100, clientY: (y + 0.3) * 100 });
    const stroke = async (points: number[][]) => {
      const [first, ...rest] = points.map(([x = 0, y = 0]) => at(x, y));
      fireEvent.pointerDown(canvas, { ...first, pointerId: 1 });
      for (const point of rest) fireEvent.pointerMove(canvas, { ...point, pointerId: 1 });
      fireEvent.pointerUp(canvas, { pointerId: 1 });
    };
    const line = (from: number[], to: number[]) =>
      Array.from({ length: 11 }, (_, i) => [
        (from[0] ?? 0) + (((to[0] ?? 0) - (from[0] ?? 0)) * i) / 10,
        (from[1] ?? 0) + (((to[1] ?? 0) - (from[1] ?? 0)) * i) / 10,
      ]);
    await stroke(line([0.4, 0], [0, 1]));
    await stroke(line([0.4, 0], [0.8, 1]));
    expect(api.called("POST", "/api/harf/exercises/e-trace/trace")).toHaveLength(0); // no bar yet
    await stroke(line([0.15, 0.62], [0.65, 0.62]));

    expect(await screen.findByRole("status")).toHaveTextContent("Barakalla!");
    const sent = api.called("POST", "/api/harf/exercises/e-trace/trace")[0]?.body as {
      strokes: number[][][];
    };
    expect(sent.strokes).toHaveLength(3);
    expect(sent.strokes[2]?.[0]?.[0]).toBeCloseTo(0.15);
    expect(sent.strokes[2]?.[0]?.[1]).toBeCloseTo(0.62);
  });

  it("lets the child start again, or send a trace the check did not pass", async () => {
    const made = exercise("trace", { prompt: "A", choices: [], strokes: A_STROKES });
    const api = practise(made, wrong(["A"]));
    await renderApp("/uz-Latn/practise?letter=1&kind=trace", api);
    const canvas = await screen.findByRole("img", { name: /barmogʻing bilan chiz/ });
    canvas.getBoundingClientRect = () =>
      ({ left: 0, top: 0, width: 140, height: 160, right: 140, bottom: 160 }) as DOMRect;
    fireEvent.pointerDown(canvas, { clientX: 10, clientY: 10, pointerId: 1 });
    fireEvent.pointerMove(canvas, { clientX: 20, clientY: 20, pointerId: 1 });
    fireEvent.pointerUp(canvas, { pointerId: 1 });
    await userEvent.click(screen.getByRole("button", { name: "Qaytadan" }));
    expect(screen.getByRole("button", { name: "Tayyor" })).toBeDisabled();
    fireEvent.pointerDown(canvas, { clientX: 10, clientY: 10, pointerId: 1 });
    fireEvent.pointerUp(canvas, { pointerId: 1 });
    await userEvent.click(screen.getByRole("button", { name: "Tayyor" }));
    expect(await screen.findByRole("status")).toHaveTextContent("Toʻgʻrisi: A");
    const sent = api.called("POST", "/api/harf/exercises/e-trace/trace")[0]?.body as {
      strokes: number[][][];
    };
    expect(sent.strokes).toHaveLength(1); // only what was drawn after starting again
  });
});

describe("milestones, locks and sound", () => {
  it("celebrates a milestone with its coins", async () => {
    const api = practise(exercise("match_case", { prompt: "A" }), {
      correct: true,
      answer: ["a"],
      milestones: [{ milestone: "free_letters", alphabet: "uz-Latn", coins: 10 }],
    });
    await renderApp("/uz-Latn/practise?letter=1&kind=match_case", api);
    await userEvent.click(await screen.findByRole("button", { name: "a" }));
    expect(await screen.findByText("Birinchi harflarni oʻrganding!")).toBeInTheDocument();
    expect(screen.getByText("+10")).toBeInTheDocument();
  });

  it("asks a child to ask their parent for a locked letter, with no offer", async () => {
    const api = harfApi().on("POST /api/harf/alphabets/:code/letters/:number/exercises", () =>
      apiError(403, "feature_not_included"),
    );
    await renderApp("/uz-Latn/practise?letter=3", api);
    expect(
      await screen.findByText("Bu harfni ochish uchun ota-onangdan soʻra."),
    ).toBeInTheDocument();
    expect(screen.queryByText(/tarif/i)).not.toBeInTheDocument();
  });

  it("lets the browser speak only when the server has no voice", async () => {
    const speak = vi.fn();
    vi.stubGlobal("speechSynthesis", { speak, cancel: vi.fn() });
    vi.stubGlobal(
      "SpeechSynthesisUtterance",
      class {
        lang = "";
        rate = 1;
        constructor(public text: string) {}
      },
    );
    try {
      const api = harfApi({ audio: "unavailable" }).on(
        "POST /api/harf/alphabets/:code/letters/:number/exercises",
        () => json(201, exercise("hear_and_tap")),
      );
      await renderApp("/uz-Latn/practise?letter=1&kind=hear_and_tap", api);
      await waitFor(() => expect(speak).toHaveBeenCalled());
      expect(speak.mock.calls[0]?.[0]).toMatchObject({ text: "a", lang: "uz-UZ" });
      expect(play).not.toHaveBeenCalled();
    } finally {
      vi.unstubAllGlobals();
    }
  });

  it("stays silent with the sound switched off", async () => {
    const api = practise(exercise("hear_and_tap"), right(["a"]));
    await renderApp("/uz-Latn/practise?letter=1&kind=hear_and_tap", api);
    await userEvent.click(await screen.findByRole("button", { name: "Ovoz", pressed: true }));
    const before = api.calls.filter((c) => c.path.includes("/audio")).length;
    await userEvent.click(screen.getByRole("button", { name: "Tinglash" }));
    await userEvent.click(screen.getByRole("button", { name: "a" }));
    await screen.findByRole("status");
    expect(api.calls.filter((c) => c.path.includes("/audio")).length).toBe(before);
    expect(screen.getByRole("button", { name: "Ovoz", pressed: false })).toBeInTheDocument();
  });
});
