import type { ReactNode } from "react";
import { cx } from "./cx.ts";

export type Tone = "info" | "success" | "warning" | "error";

const TONES: Record<Tone, { box: string; icon: string }> = {
  info: { box: "bg-sky-50 text-sky-900 ring-sky-200", icon: "ℹ️" },
  success: { box: "bg-emerald-50 text-emerald-900 ring-emerald-200", icon: "✅" },
  warning: { box: "bg-amber-50 text-amber-900 ring-amber-200", icon: "⏳" },
  error: { box: "bg-red-50 text-red-900 ring-red-200", icon: "⚠️" },
};

/** A message in the page. Errors are announced at once; the others politely. */
export function Alert(props: {
  tone?: Tone;
  title?: ReactNode;
  children?: ReactNode;
  action?: ReactNode;
  icon?: ReactNode;
  className?: string;
}) {
  const tone = TONES[props.tone ?? "info"];
  return (
    <div
      role={props.tone === "error" ? "alert" : "status"}
      className={cx("flex gap-3 rounded-2xl p-4 ring-1", tone.box, props.className)}
    >
      <span aria-hidden="true" className="text-xl leading-6">
        {props.icon ?? tone.icon}
      </span>
      <div className="flex flex-1 flex-col gap-1">
        {props.title ? <p className="font-bold">{props.title}</p> : null}
        {props.children ? <div>{props.children}</div> : null}
        {props.action ? <div className="mt-2">{props.action}</div> : null}
      </div>
    </div>
  );
}
