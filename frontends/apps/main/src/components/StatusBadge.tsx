import { useTranslation } from "@alif/i18n";
import { cx } from "@alif/ui";

const TONES: Record<string, string> = {
  pending: "bg-amber-100 text-amber-900",
  active: "bg-emerald-100 text-emerald-900",
  blocked: "bg-red-100 text-red-900",
  closed: "bg-slate-200 text-slate-800",
  rejected: "bg-red-100 text-red-900",
};

export function StatusBadge(props: { status: string }) {
  const { t } = useTranslation();
  return (
    <span
      className={cx(
        "inline-flex rounded-full px-3 py-1 font-bold text-sm",
        TONES[props.status] ?? TONES.closed,
      )}
    >
      {t(`status.${props.status}`)}
    </span>
  );
}
