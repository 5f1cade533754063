import { useTranslation } from "@alif/i18n";
import { useEffect } from "react";
import { cx } from "./cx.ts";

const DIGITS = ["1", "2", "3", "4", "5", "6", "7", "8", "9"] as const;

export interface PinPadProps {
  value: string;
  onChange(value: string): void;
  /** Called by the ✓ key or Enter once at least `minLength` digits are in. */
  onSubmit?(value: string): void;
  minLength?: number;
  maxLength?: number;
  label?: string;
  disabled?: boolean;
  /** Let a physical keyboard type digits too (ignored while a text field has the focus). */
  captureKeyboard?: boolean;
  /** Shakes the dots gently after a wrong PIN (not with reduced motion). */
  invalid?: boolean;
}

/**
 * A big numeric keypad for a child's PIN: 80 px keys, dots instead of digits. A 4-digit PIN shows
 * four dots; a longer one adds a dot per digit typed (empty slots for digits a PIN may not have
 * read as "not finished" to a child).
 */
export function PinPad({
  value,
  onChange,
  onSubmit,
  minLength = 4,
  maxLength = 6,
  label,
  disabled,
  captureKeyboard,
  invalid,
}: PinPadProps) {
  const { t } = useTranslation("common");
  const complete = value.length >= minLength;
  const press = (digit: string) => {
    if (!disabled && value.length < maxLength) onChange(value + digit);
  };
  const back = () => !disabled && onChange(value.slice(0, -1));
  const submit = () => !disabled && complete && onSubmit?.(value);

  useEffect(() => {
    if (!captureKeyboard) return;
    const onKey = (event: KeyboardEvent) => {
      const target = event.target as HTMLElement | null;
      if (target?.closest("input, textarea, select, [contenteditable=true]")) return;
      if (event.ctrlKey || event.metaKey || event.altKey) return;
      if (/^\d$/.test(event.key)) {
        event.preventDefault();
        press(event.key);
      } else if (event.key === "Backspace") {
        event.preventDefault();
        back();
      } else if (event.key === "Enter" && target?.tagName !== "BUTTON") {
        event.preventDefault();
        submit();
      }
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  });

  const key =
    "flex aspect-square min-h-16 w-full items-center justify-center rounded-3xl text-3xl font-extrabold " +
    "transition-transform active:scale-95 disabled:opacity-50 sm:min-h-20";

  return (
    <fieldset className="mx-auto flex w-full max-w-xs flex-col items-center gap-5">
      <legend className="sr-only">{label ?? t("pin.label")}</legend>
      <div className={cx("flex gap-3", invalid && "motion-safe:animate-shake")} aria-hidden="true">
        {Array.from({ length: Math.max(minLength, value.length) }, (_, i) => (
          <span
            // biome-ignore lint/suspicious/noArrayIndexKey: fixed slots
            key={i}
            data-testid="pin-dot"
            className={cx(
              "size-5 rounded-full border-[3px] transition-colors",
              i < value.length ? "border-brand-600 bg-brand-600" : "border-slate-300 bg-white",
            )}
          />
        ))}
      </div>
      <p className="sr-only" aria-live="polite">
        {t("pin.entered", { count: value.length })}
      </p>
      <div className="grid w-full grid-cols-3 gap-3">
        {DIGITS.map((digit) => (
          <button
            key={digit}
            type="button"
            className={cx(
              key,
              "bg-white text-ink shadow-sm ring-2 ring-slate-200 hover:bg-brand-50",
            )}
            onClick={() => press(digit)}
            disabled={disabled}
          >
            {digit}
          </button>
        ))}
        <button
          type="button"
          className={cx(key, "bg-slate-100 text-slate-700 hover:bg-slate-200")}
          onClick={back}
          disabled={disabled || value.length === 0}
          aria-label={t("pin.delete")}
        >
          <span aria-hidden="true">⌫</span>
        </button>
        <button
          type="button"
          className={cx(key, "bg-white text-ink shadow-sm ring-2 ring-slate-200 hover:bg-brand-50")}
          onClick={() => press("0")}
          disabled={disabled}
        >
          0
        </button>
        <button
          type="button"
          className={cx(key, "bg-brand-600 text-white hover:bg-brand-700")}
          onClick={submit}
          disabled={disabled || !complete || !onSubmit}
          aria-label={t("pin.submit")}
        >
          <span aria-hidden="true">✓</span>
        </button>
      </div>
    </fieldset>
  );
}
