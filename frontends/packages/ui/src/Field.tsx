import {
  cloneElement,
  type InputHTMLAttributes,
  isValidElement,
  type ReactElement,
  type ReactNode,
  type SelectHTMLAttributes,
  type TextareaHTMLAttributes,
  useId,
} from "react";
import { cx } from "./cx.ts";

const CONTROL =
  "block w-full min-h-12 rounded-xl border-2 border-slate-300 bg-white px-4 text-lg text-ink " +
  "placeholder:text-slate-400 focus:border-brand-500 focus:outline-none focus:ring-4 focus:ring-brand-100 " +
  "aria-invalid:border-red-600 aria-invalid:focus:ring-red-100 disabled:bg-slate-100";

export function Input({ className, ...props }: InputHTMLAttributes<HTMLInputElement>) {
  return <input className={cx(CONTROL, className)} {...props} />;
}

export function Select({ className, ...props }: SelectHTMLAttributes<HTMLSelectElement>) {
  return <select className={cx(CONTROL, "pr-10", className)} {...props} />;
}

export function Textarea({ className, ...props }: TextareaHTMLAttributes<HTMLTextAreaElement>) {
  return <textarea className={cx(CONTROL, "py-3", className)} {...props} />;
}

type ControlProps = {
  id?: string;
  "aria-invalid"?: boolean;
  "aria-describedby"?: string;
  required?: boolean;
};

/**
 * A label, one control, a hint and an error, wired for screen readers: the control gets the id,
 * `aria-describedby` and `aria-invalid`; the error is announced when it appears.
 */
export function Field(props: {
  label: ReactNode;
  hint?: ReactNode;
  error?: ReactNode;
  children: ReactElement<ControlProps>;
  className?: string;
}) {
  const generated = useId();
  const child = props.children;
  const id = (isValidElement(child) && child.props.id) || generated;
  const hintId = props.hint ? `${id}-hint` : undefined;
  const errorId = props.error ? `${id}-error` : undefined;
  const described = [hintId, errorId].filter(Boolean).join(" ") || undefined;
  return (
    <div className={cx("flex flex-col gap-1.5", props.className)}>
      <label htmlFor={id} className="font-bold text-ink">
        {props.label}
        {child.props.required ? (
          <span aria-hidden="true" className="text-red-700">
            {" "}
            *
          </span>
        ) : null}
      </label>
      {cloneElement(child, {
        id,
        "aria-describedby": described,
        "aria-invalid": props.error ? true : undefined,
      })}
      {props.hint ? (
        <p id={hintId} className="text-sm text-muted">
          {props.hint}
        </p>
      ) : null}
      {props.error ? (
        <p id={errorId} role="alert" className="font-semibold text-red-700 text-sm">
          {props.error}
        </p>
      ) : null}
    </div>
  );
}
