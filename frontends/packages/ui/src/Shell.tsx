import { useTranslation } from "@alif/i18n";
import type { ReactNode } from "react";
import { cx } from "./cx.ts";

/** The frame of every page: a skip link, a header (brand, actions) and the main region. */
export function Shell(props: {
  brand: ReactNode;
  actions?: ReactNode;
  children: ReactNode;
  footer?: ReactNode;
}) {
  const { t } = useTranslation("common");
  return (
    <div className="flex min-h-dvh flex-col">
      <a
        href="#main"
        className="sr-only focus:not-sr-only focus:fixed focus:top-2 focus:left-2 focus:z-50 focus:rounded-xl focus:bg-white focus:px-4 focus:py-3 focus:font-bold"
      >
        {t("skipToContent")}
      </a>
      <header className="sticky top-0 z-30 border-slate-200/80 border-b bg-paper/90 backdrop-blur">
        <div className="mx-auto flex min-h-16 max-w-5xl items-center gap-3 px-4">
          <div className="flex-1">{props.brand}</div>
          {props.actions}
        </div>
      </header>
      <main
        id="main"
        tabIndex={-1}
        className="mx-auto w-full max-w-5xl flex-1 px-4 pt-6 pb-16 outline-none"
      >
        {props.children}
      </main>
      {props.footer}
    </div>
  );
}

/** A page's title row (with an optional way back and actions) above its content. */
export function Page(props: {
  title: ReactNode;
  subtitle?: ReactNode;
  back?: ReactNode;
  actions?: ReactNode;
  children: ReactNode;
  narrow?: boolean;
}) {
  return (
    <div className={cx("mx-auto flex flex-col gap-6", props.narrow ? "max-w-md" : "max-w-5xl")}>
      <div className="flex flex-col gap-2">
        {props.back}
        <div className="flex flex-wrap items-end gap-3">
          <div className="flex-1">
            <h1 className="font-extrabold text-3xl text-ink tracking-tight">{props.title}</h1>
            {props.subtitle ? <p className="mt-1 text-lg text-muted">{props.subtitle}</p> : null}
          </div>
          {props.actions}
        </div>
      </div>
      {props.children}
    </div>
  );
}
