import { signedOutApi } from "@alif/testing";
import { screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { useState } from "react";
import { describe, expect, it } from "vitest";
import { isAnswered, type Mark, QuestionInput, type Response } from "../src/question-input.tsx";
import { renderInApp } from "./render.tsx";

const single = {
  id: "q1",
  type: "single",
  options: [
    { id: "a", text: "3" },
    { id: "b", text: "4" },
  ],
};

function Answering(props: { question: typeof single; mark?: Mark }) {
  const [value, setValue] = useState<Response>();
  return (
    <>
      <QuestionInput
        question={props.question}
        value={value}
        onChange={setValue}
        mark={props.mark}
      />
      <output>{JSON.stringify(value ?? null)}</output>
    </>
  );
}

describe("QuestionInput", () => {
  it("gives the chosen option as the API takes it", async () => {
    await renderInApp(<Answering question={single} />, signedOutApi());
    await userEvent.click(await screen.findByRole("radio", { name: "4" }));
    expect(screen.getByRole("status")).toHaveTextContent('{"choice":["b"]}');
  });

  it("colours only the chosen option by its mark once checked", async () => {
    await renderInApp(<Answering question={single} mark="wrong" />, signedOutApi());
    await userEvent.click(await screen.findByRole("radio", { name: "3" }));
    const chosen = screen.getByRole("radio", { name: "3" }).closest("label");
    const other = screen.getByRole("radio", { name: "4" }).closest("label");
    expect(chosen?.className).toContain("ring-red-600");
    expect(other?.className).not.toContain("ring-red-600");
  });

  it("marks a typed answer's field right", async () => {
    const open = { id: "q2", type: "short_text", options: [] };
    await renderInApp(<Answering question={open} mark="right" />, signedOutApi());
    expect((await screen.findByRole("textbox")).className).toContain("ring-emerald-600");
  });

  it("counts a blank typed answer as not answered", () => {
    expect(isAnswered({ text: "  " })).toBe(false);
    expect(isAnswered({ truth: false })).toBe(true);
    expect(isAnswered(undefined)).toBe(false);
  });
});
