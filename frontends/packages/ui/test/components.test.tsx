import { act, fireEvent, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { useState } from "react";
import { describe, expect, it, vi } from "vitest";
import {
  Avatar,
  Button,
  Dialog,
  Field,
  hasShopPicture,
  Input,
  LanguageSwitch,
  PinPad,
  ShopPicture,
  ToastProvider,
  useToast,
} from "../src/index.ts";
import { renderWithI18n } from "./render.tsx";

function Pin(props: { onSubmit(value: string): void; captureKeyboard?: boolean }) {
  const [value, setValue] = useState("");
  return (
    <>
      <input aria-label="username" />
      <PinPad
        value={value}
        onChange={setValue}
        onSubmit={props.onSubmit}
        captureKeyboard={props.captureKeyboard}
      />
    </>
  );
}

function Save() {
  const toast = useToast();
  return (
    <button type="button" onClick={() => toast.show("Saqlandi")}>
      save
    </button>
  );
}

describe("PinPad", () => {
  it("takes taps, deletes, and submits only once the PIN is long enough", async () => {
    const onSubmit = vi.fn();
    await renderWithI18n(<Pin onSubmit={onSubmit} />);
    const user = userEvent.setup();
    const submit = screen.getByRole("button", { name: "Kirish" });
    for (const digit of ["2", "0", "2"])
      await user.click(screen.getByRole("button", { name: digit }));
    expect(submit).toBeDisabled();
    expect(screen.getByText("3 ta raqam kiritildi")).toBeInTheDocument();
    await user.click(screen.getByRole("button", { name: "Oxirgi raqamni oʻchirish" }));
    await user.click(screen.getByRole("button", { name: "2" }));
    await user.click(screen.getByRole("button", { name: "4" }));
    expect(submit).toBeEnabled();
    await user.click(submit);
    expect(onSubmit).toHaveBeenCalledWith("2024");
  });

  it("shows four dots for a 4-digit PIN, and one more per digit of a longer one", async () => {
    await renderWithI18n(<Pin onSubmit={() => undefined} />);
    const user = userEvent.setup();
    expect(screen.getAllByTestId("pin-dot")).toHaveLength(4);
    for (const digit of ["1", "2", "3", "4"])
      await user.click(screen.getByRole("button", { name: digit }));
    expect(screen.getAllByTestId("pin-dot")).toHaveLength(4);
    await user.click(screen.getByRole("button", { name: "5" }));
    expect(screen.getAllByTestId("pin-dot")).toHaveLength(5);
  });

  it("stops at six digits", async () => {
    await renderWithI18n(<Pin onSubmit={vi.fn()} />);
    const user = userEvent.setup();
    for (let i = 0; i < 8; i++) await user.click(screen.getByRole("button", { name: "1" }));
    expect(screen.getByText("6 ta raqam kiritildi")).toBeInTheDocument();
  });

  it("accepts a physical keyboard, but not while a text field has the focus", async () => {
    const onSubmit = vi.fn();
    await renderWithI18n(<Pin onSubmit={onSubmit} captureKeyboard />);
    const user = userEvent.setup();
    await user.click(screen.getByLabelText("username"));
    await user.keyboard("99");
    expect(screen.getByText("0 ta raqam kiritildi")).toBeInTheDocument();
    (document.activeElement as HTMLElement).blur();
    await user.keyboard("1234{Backspace}5{Enter}");
    expect(onSubmit).toHaveBeenCalledWith("1235");
  });
});

describe("Field", () => {
  it("labels its control and announces its error", async () => {
    await renderWithI18n(
      <Field label="Telefon" hint="+998 bilan" error="Notoʻgʻri raqam">
        <Input required />
      </Field>,
    );
    const input = screen.getByLabelText(/Telefon/);
    expect(input).toHaveAttribute("aria-invalid", "true");
    expect(input).toHaveAccessibleDescription("+998 bilan Notoʻgʻri raqam");
    expect(screen.getByRole("alert")).toHaveTextContent("Notoʻgʻri raqam");
  });
});

describe("Button", () => {
  it("is blocked and busy while loading", async () => {
    const onClick = vi.fn();
    await renderWithI18n(
      <Button loading onClick={onClick}>
        Saqlash
      </Button>,
    );
    const button = screen.getByRole("button", { name: /Saqlash/ });
    expect(button).toBeDisabled();
    expect(button).toHaveAttribute("aria-busy", "true");
  });
});

describe("Dialog", () => {
  it("shows its content when open and closes on Escape", async () => {
    const onClose = vi.fn();
    const { rerender } = await renderWithI18n(
      <Dialog open={false} onClose={onClose} title="Oʻchirilsinmi?">
        <p>Ali</p>
      </Dialog>,
    );
    expect(screen.queryByText("Ali")).not.toBeInTheDocument();
    rerender(
      <Dialog open onClose={onClose} title="Oʻchirilsinmi?">
        <p>Ali</p>
      </Dialog>,
    );
    expect(screen.getByText("Ali")).toBeInTheDocument();
    fireEvent(
      screen.getByRole("dialog", { hidden: true }),
      new Event("cancel", { cancelable: true }),
    );
    expect(onClose).toHaveBeenCalled();
  });
});

describe("LanguageSwitch and toasts", () => {
  it("switches the language of the page; each button's name starts with what it shows", async () => {
    await renderWithI18n(<LanguageSwitch />);
    const user = userEvent.setup();
    expect(screen.getByRole("button", { name: "UZ Oʻzbekcha" })).toHaveAttribute(
      "aria-pressed",
      "true",
    );
    expect(screen.getByRole("button", { name: "EN English" })).toHaveClass("min-h-11", "min-w-11");
    await user.click(screen.getByRole("button", { name: "RU Русский" }));
    await waitFor(() =>
      expect(screen.getByRole("button", { name: "RU Русский" })).toHaveAttribute(
        "aria-pressed",
        "true",
      ),
    );
    expect(document.documentElement.lang).toBe("ru");
    localStorage.clear();
  });

  it("puts toasts at the bottom above the safe area, never over the top bar's buttons, and a tap closes one", async () => {
    await renderWithI18n(
      <ToastProvider>
        <Save />
      </ToastProvider>,
    );
    const user = userEvent.setup();
    await user.click(screen.getByRole("button", { name: "save" }));
    const toasts = screen.getByTestId("toasts");
    expect(toasts).toHaveClass("bottom-[calc(env(safe-area-inset-bottom)+0.75rem)]");
    expect(toasts.className).not.toMatch(/(^|\s)(sm:)?top-/);
    expect(screen.getByRole("button", { name: "Yopish" })).toHaveClass("min-h-11", "min-w-11");
    await user.click(screen.getByText("Saqlandi"));
    expect(screen.queryByText("Saqlandi")).not.toBeInTheDocument();
  });

  it("shows a toast and hides it after a while", async () => {
    vi.useFakeTimers();
    await renderWithI18n(
      <ToastProvider>
        <Save />
      </ToastProvider>,
    );
    act(() => screen.getByRole("button", { name: "save" }).click());
    expect(screen.getByText("Saqlandi")).toBeInTheDocument();
    act(() => vi.advanceTimersByTime(5100));
    expect(screen.queryByText("Saqlandi")).not.toBeInTheDocument();
    vi.useRealTimers();
  });
});

describe("shop pictures", () => {
  it("draws a bought avatar and its frame, and falls back for unknown items", async () => {
    const { container } = await renderWithI18n(
      <>
        <Avatar name="Ali" avatar="avatar-owl" frame="frame-gold" />
        <Avatar name="Laylo" avatar="cat" />
        <ShopPicture code="hat-new" kind="avatar" image="/shop/hat-new.svg" />
        <ShopPicture code="mystery" kind="theme" />
      </>,
    );
    expect(hasShopPicture("avatar-owl")).toBe(true);
    expect(hasShopPicture("cat")).toBe(false);
    // The owl and the gold frame are drawn; the free avatar stays an emoji.
    expect(container.querySelectorAll("svg")).toHaveLength(2);
    expect(container).toHaveTextContent("🐱");
    expect(container.querySelector("img")).toHaveAttribute("src", "/shop/hat-new.svg");
    expect(container).toHaveTextContent("🎨");
  });
});
