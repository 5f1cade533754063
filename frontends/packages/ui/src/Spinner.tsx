import { useTranslation } from "@alif/i18n";
import { cx } from "./cx.ts";

export function Spinner(props: { label?: string; className?: string; size?: "sm" | "lg" }) {
  const { t } = useTranslation("common");
  const size = props.size === "lg" ? "size-10 border-4" : "size-5 border-[3px]";
  return (
    <span role="status" className={cx("inline-flex items-center gap-2", props.className)}>
      <span
        aria-hidden="true"
        className={cx(
          size,
          "inline-block animate-spin rounded-full border-current border-r-transparent opacity-80",
        )}
      />
      <span className="sr-only">{props.label ?? t("states.loading")}</span>
    </span>
  );
}

/** A whole-area loading state, for a page or a card that waits for data. */
export function Loading(props: { label?: string }) {
  const { t } = useTranslation("common");
  return (
    <div className="flex min-h-40 flex-col items-center justify-center gap-3 text-brand-700">
      <Spinner size="lg" label={props.label ?? t("states.loading")} />
      <p className="text-muted" aria-hidden="true">
        {props.label ?? t("states.loading")}
      </p>
    </div>
  );
}
