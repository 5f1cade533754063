import type { ReactNode } from "react";

export function EmptyState(props: {
  icon?: ReactNode;
  title: ReactNode;
  children?: ReactNode;
  action?: ReactNode;
}) {
  return (
    <div className="flex flex-col items-center gap-3 rounded-[var(--radius-card)] border-2 border-slate-300 border-dashed bg-white/60 px-6 py-10 text-center">
      {props.icon ? (
        <span aria-hidden="true" className="text-5xl">
          {props.icon}
        </span>
      ) : null}
      <p className="font-extrabold text-ink text-xl">{props.title}</p>
      {props.children ? <div className="max-w-sm text-muted">{props.children}</div> : null}
      {props.action ? <div className="mt-2">{props.action}</div> : null}
    </div>
  );
}
