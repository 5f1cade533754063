import type { ButtonHTMLAttributes, ReactNode } from "react";
import { cx } from "./cx.ts";
import { Spinner } from "./Spinner.tsx";

export type ButtonVariant = "primary" | "secondary" | "ghost" | "danger" | "sun";
export type ButtonSize = "md" | "lg" | "xl";

const VARIANTS: Record<ButtonVariant, string> = {
  primary: "bg-brand-600 text-white hover:bg-brand-700 active:bg-brand-800 shadow-sm",
  secondary:
    "bg-white text-brand-800 ring-2 ring-inset ring-brand-200 hover:bg-brand-50 active:bg-brand-100",
  ghost: "bg-transparent text-brand-800 hover:bg-brand-50 active:bg-brand-100",
  danger: "bg-red-700 text-white hover:bg-red-800 active:bg-red-900 shadow-sm",
  sun: "bg-sun-400 text-ink hover:bg-sun-300 active:bg-sun-500 shadow-sm",
};

// Touch targets: 48 px at the smallest, bigger for children.
const SIZES: Record<ButtonSize, string> = {
  md: "min-h-12 px-5 text-base gap-2",
  lg: "min-h-14 px-6 text-lg gap-2.5",
  xl: "min-h-20 px-8 text-2xl gap-3",
};

/** The classes of a button, for links that look like one. */
export function buttonClass(
  variant: ButtonVariant = "primary",
  size: ButtonSize = "md",
  extra?: string,
): string {
  return cx(
    "inline-flex select-none items-center justify-center rounded-2xl font-bold transition-colors",
    "disabled:cursor-not-allowed disabled:opacity-60",
    VARIANTS[variant],
    SIZES[size],
    extra,
  );
}

/** A text link (a way back, "log in instead"): 44 px tall, the smallest touch target we allow. */
export function linkClass(extra?: string): string {
  return cx(
    "inline-flex min-h-11 items-center font-bold text-brand-700 underline-offset-4 hover:underline",
    extra,
  );
}

export interface ButtonProps extends ButtonHTMLAttributes<HTMLButtonElement> {
  variant?: ButtonVariant;
  size?: ButtonSize;
  /** Shows a spinner and blocks another press while an action runs. */
  loading?: boolean;
  icon?: ReactNode;
  block?: boolean;
}

export function Button({
  variant = "primary",
  size = "md",
  loading = false,
  icon,
  block,
  className,
  children,
  disabled,
  type = "button",
  ...rest
}: ButtonProps) {
  return (
    <button
      type={type}
      className={buttonClass(variant, size, cx(block && "w-full", className))}
      disabled={disabled || loading}
      aria-busy={loading || undefined}
      {...rest}
    >
      {loading ? (
        <Spinner />
      ) : icon ? (
        <span aria-hidden="true" className="text-[1.3em] leading-none">
          {icon}
        </span>
      ) : null}
      <span>{children}</span>
    </button>
  );
}
