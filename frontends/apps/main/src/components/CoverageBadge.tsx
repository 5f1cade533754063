import { useTranslation } from "@alif/i18n";
import { cx } from "@alif/ui";

/** Whether a plan covers a child, on the children list and the subscription page. */
export function CoverageBadge(props: { covered: boolean }) {
  const { t } = useTranslation();
  return (
    <span
      className={cx(
        "rounded-full px-3 py-1 font-bold text-sm",
        props.covered ? "bg-emerald-100 text-emerald-900" : "bg-slate-200 text-slate-800",
      )}
    >
      {props.covered ? `⭐ ${t("billing.covered")}` : t("billing.notCovered")}
    </span>
  );
}
