import type { ReactNode } from "react";

/** Nothing to show (yet): a picture, a heading (`h1` on a page of its own, such as 404), what to do. */
export function EmptyState(props: {
  icon?: ReactNode;
  title: ReactNode;
  heading?: "h1" | "h2";
  children?: ReactNode;
  action?: ReactNode;
}) {
  const Heading = props.heading ?? "h2";
  return (
    <div className="flex flex-col items-center gap-3 rounded-[var(--radius-card)] border-2 border-slate-300 border-dashed bg-white/60 px-6 py-10 text-center">
      {props.icon ? (
        <span aria-hidden="true" className="text-5xl">
          {props.icon}
        </span>
      ) : null}
      <Heading className="font-extrabold text-ink text-xl">{props.title}</Heading>
      {props.children ? <div className="max-w-sm text-muted">{props.children}</div> : null}
      {props.action ? <div className="mt-2">{props.action}</div> : null}
    </div>
  );
}
