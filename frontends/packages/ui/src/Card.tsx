import type { HTMLAttributes, ReactNode } from "react";
import { cx } from "./cx.ts";

export function Card({
  className,
  children,
  ...rest
}: HTMLAttributes<HTMLDivElement> & { children?: ReactNode }) {
  return (
    <div
      className={cx(
        "rounded-[var(--radius-card)] bg-white p-5 shadow-sm ring-1 ring-slate-200/70",
        className,
      )}
      {...rest}
    >
      {children}
    </div>
  );
}

export function CardTitle(props: { children: ReactNode; as?: "h2" | "h3"; className?: string }) {
  const Tag = props.as ?? "h2";
  return (
    <Tag className={cx("mb-3 font-extrabold text-ink text-xl", props.className)}>
      {props.children}
    </Tag>
  );
}
