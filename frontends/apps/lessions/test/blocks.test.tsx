import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, describe, expect, it, vi } from "vitest";
import {
  AudioBlock,
  FileBlock,
  ImageBlock,
  TextBlock,
  VideoBlock,
} from "../src/components/blocks/MediaBlocks.tsx";
import { QuizBlock } from "../src/components/blocks/QuizBlock.tsx";
import { StoryBlock } from "../src/components/blocks/StoryBlock.tsx";
import type { Block, StudentQuestion } from "../src/lib/queries.ts";
import { renderWithTexts } from "./harness.tsx";

const block = (over: Partial<Block>): Block => ({
  type: "text",
  pages: [],
  questions: [],
  ...over,
});

const single: StudentQuestion = {
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
const truth: StudentQuestion = {
  ...single,
  id: "q2",
  type: "true_false",
  text: "Yer yumaloq",
  options: [],
};
const numeric: StudentQuestion = {
  ...single,
  id: "q3",
  type: "numeric",
  text: "5 - 2 = ?",
  options: [],
};

describe("the media blocks", () => {
  it("shows the server's sanitised HTML as it is", async () => {
    await renderWithTexts(
      <TextBlock block={block({ html: "<h2>Sanash</h2><p>Bir, <strong>ikki</strong></p>" })} />,
    );
    expect(screen.getByRole("heading", { name: "Sanash" })).toBeInTheDocument();
    expect(screen.getByText("ikki").tagName).toBe("STRONG");
  });

  it("shows a picture with its caption as its text", async () => {
    await renderWithTexts(
      <ImageBlock
        block={block({ type: "image", url: "https://x.uz/olma.png", caption: "Olma" })}
      />,
    );
    expect(screen.getByRole("img", { name: "Olma" })).toHaveAttribute(
      "src",
      "https://x.uz/olma.png",
    );
    expect(screen.getByText("Olma", { selector: "figcaption" })).toBeInTheDocument();
  });

  it("embeds a video in a named frame and plays sound with its title", async () => {
    await renderWithTexts(
      <>
        <VideoBlock block={block({ type: "video", url: "https://www.youtube.com/embed/abc" })} />
        <AudioBlock block={block({ type: "audio", url: "https://x.uz/a.ogg", title: "Qoʻshiq" })} />
      </>,
    );
    expect(screen.getByTitle("Video")).toHaveAttribute("src", "https://www.youtube.com/embed/abc");
    const audio = screen.getByLabelText("Qoʻshiq");
    expect(audio.tagName).toBe("AUDIO");
    expect(audio).toHaveAttribute("src", "https://x.uz/a.ogg");
  });

  it("offers a file to download under its name", async () => {
    await renderWithTexts(
      <FileBlock block={block({ type: "file", url: "https://x.uz/ish.pdf", name: "ish.pdf" })} />,
    );
    const link = screen.getByRole("link", { name: /Yuklab olish: ish.pdf/ });
    expect(link).toHaveAttribute("href", "https://x.uz/ish.pdf");
    expect(link).toHaveAttribute("download", "ish.pdf");
  });
});

describe("the quiz", () => {
  it("is checked only when every question has an answer, and gives each answer", async () => {
    const answers: Record<string, unknown> = {};
    const onAnswer = vi.fn((id: string, answer: unknown) => {
      answers[id] = answer;
    });
    const onCheck = vi.fn();
    const props = {
      questions: [single, truth, numeric],
      onAnswer,
      onCheck,
      checking: false,
      result: null,
    };
    const view = await renderWithTexts(<QuizBlock {...props} answers={{}} />);
    expect(screen.getByRole("button", { name: "Tekshirish" })).toBeDisabled();

    await userEvent.click(screen.getByRole("radio", { name: "4" }));
    await userEvent.click(screen.getByRole("radio", { name: "Toʻgʻri" }));
    await userEvent.type(screen.getByRole("textbox", { name: /Javobingiz \(son\)/ }), "3");
    expect(onAnswer).toHaveBeenCalledWith("q1", { choice: ["b"] });
    expect(onAnswer).toHaveBeenCalledWith("q2", { truth: true });
    expect(onAnswer).toHaveBeenLastCalledWith("q3", { text: "3" });

    view.rerender(
      <QuizBlock
        {...props}
        answers={{ q1: { choice: ["b"] }, q2: { truth: true }, q3: { text: "3" } }}
      />,
    );
    await userEvent.click(screen.getByRole("button", { name: "Tekshirish" }));
    expect(onCheck).toHaveBeenCalledTimes(1);
  });

  it("marks each question right or wrong from the server's grading, with the score", async () => {
    const progress = {
      lesson_id: "l1",
      version: 1,
      opened_at: "2026-12-07T10:00:00Z",
      position: 0,
      reached_end: false,
      seconds_spent: 0,
      quiz_score: 50,
      completed_at: null,
    };
    await renderWithTexts(
      <QuizBlock
        questions={[single, truth]}
        answers={{ q1: { choice: ["b"] }, q2: { truth: false } }}
        onAnswer={() => undefined}
        onCheck={() => undefined}
        checking={false}
        passMark={60}
        result={{
          score: 50,
          passed: false,
          questions: [
            { question_id: "q1", fraction: 1 },
            { question_id: "q2", fraction: 0 },
          ],
          progress,
        }}
      />,
    );
    const [first, second] = screen.getAllByRole("listitem");
    expect(within(first as HTMLElement).getByText("✅ Toʻgʻri!")).toBeInTheDocument();
    expect(within(second as HTMLElement).getByText("❌ Yana urinib koʻring")).toBeInTheDocument();
    expect(
      screen.getByText(/2 ta savoldan 1 tasi toʻgʻri\. Oʻtish uchun 60% kerak/),
    ).toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Yana tekshirish" })).toBeEnabled();
  });
});

describe("the story", () => {
  afterEach(() => vi.restoreAllMocks());

  const story = block({
    type: "story",
    title: "Boʻri va qoʻzichoq",
    audio_url: "https://x.uz/story.ogg",
    pages: [
      { text: "Bir bor ekan...", image_url: "https://x.uz/1.png" },
      { text: "Qoʻzichoq qochibdi.", image_url: null },
    ],
  });

  it("goes page by page and then to its questions", async () => {
    await renderWithTexts(<StoryBlock block={story} questions={<p>Savollar shu yerda</p>} />);
    expect(screen.getByText("Bir bor ekan...")).toBeInTheDocument();
    expect(screen.getByText("2 tadan 1-sahifa")).toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Oldingi sahifa" })).toBeDisabled();
    await userEvent.click(screen.getByRole("button", { name: "Keyingi sahifa" }));
    expect(screen.getByText("Qoʻzichoq qochibdi.")).toBeInTheDocument();
    await userEvent.click(screen.getByRole("button", { name: "Keyingi sahifa" }));
    expect(screen.getByText("Savollar shu yerda")).toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Keyingi sahifa" })).toBeDisabled();
  });

  it("reads itself aloud on a tap and stops on the next", async () => {
    const play = vi.spyOn(HTMLMediaElement.prototype, "play").mockImplementation(function (
      this: HTMLMediaElement,
    ) {
      Object.defineProperty(this, "paused", { value: false, configurable: true });
      this.dispatchEvent(new Event("play"));
      return Promise.resolve();
    });
    const pause = vi.spyOn(HTMLMediaElement.prototype, "pause").mockImplementation(function (
      this: HTMLMediaElement,
    ) {
      Object.defineProperty(this, "paused", { value: true, configurable: true });
      this.dispatchEvent(new Event("pause"));
    });
    await renderWithTexts(<StoryBlock block={story} />);
    const button = screen.getByRole("button", { name: /Ovoz bilan/ });
    expect(button).toHaveAttribute("aria-pressed", "false");
    await userEvent.click(button);
    expect(play).toHaveBeenCalledTimes(1);
    expect(screen.getByRole("button", { name: /Toʻxtatish/ })).toHaveAttribute(
      "aria-pressed",
      "true",
    );
    await userEvent.click(screen.getByRole("button", { name: /Toʻxtatish/ }));
    expect(pause).toHaveBeenCalled();
    expect(screen.getByRole("button", { name: /Ovoz bilan/ })).toBeInTheDocument();
  });

  it("has no read-aloud button without a track, and no questions page without questions", async () => {
    await renderWithTexts(
      <StoryBlock block={{ ...story, audio_url: null, pages: story.pages.slice(0, 1) }} />,
    );
    expect(screen.queryByRole("button", { name: /Ovoz bilan/ })).not.toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Keyingi sahifa" })).toBeDisabled();
  });
});
