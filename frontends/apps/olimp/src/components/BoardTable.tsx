import { formatNumber, useTranslation } from "@alif/i18n";
import { cx, EmptyState } from "@alif/ui";
import type { Board } from "../lib/queries.ts";

function minutes(seconds: number): string {
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, "0")}`;
}

/** The ranked rows; equal results share a rank; my row stands out. */
export function BoardTable(props: { board: Board }) {
  const { t, i18n } = useTranslation();
  const { rows } = props.board;
  if (rows.length === 0) return <EmptyState icon="🏁" title={t("board.empty")} />;
  return (
    <div className="overflow-x-auto rounded-2xl bg-white shadow-sm">
      <table className="w-full text-left">
        <caption className="sr-only">{t("board.heading")}</caption>
        <thead className="bg-slate-100 text-sm">
          <tr>
            <th scope="col" className="p-3">
              {t("board.rank")}
            </th>
            <th scope="col" className="p-3">
              {t("board.name")}
            </th>
            <th scope="col" className="hidden p-3 sm:table-cell">
              {t("board.where")}
            </th>
            <th scope="col" className="p-3 text-right">
              {t("board.score")}
            </th>
            <th scope="col" className="hidden p-3 text-right sm:table-cell">
              {t("board.time")}
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row, i) => (
            <tr
              // biome-ignore lint/suspicious/noArrayIndexKey: rows have no id and names repeat ("Ali V."); the board is replaced whole
              key={`${row.rank}-${i}`}
              className={cx("border-slate-100 border-t", row.you && "bg-sun-100 font-bold")}
              aria-current={row.you ? "true" : undefined}
            >
              <td className="p-3 font-black text-lg tabular-nums">
                {row.rank <= 3 ? ["🥇", "🥈", "🥉"][row.rank - 1] : null} {row.rank}
              </td>
              <td className="p-3">
                {row.name}
                {row.you ? ` (${t("board.you")})` : ""}
                <span className="block text-muted text-sm">{t("grade", { grade: row.grade })}</span>
              </td>
              <td className="hidden p-3 text-sm sm:table-cell">
                {[row.region ? t(`common:regions.${row.region}`) : "", row.district, row.school]
                  .filter(Boolean)
                  .join(", ")}
              </td>
              <td className="p-3 text-right font-black text-lg tabular-nums">
                {formatNumber(row.score, i18n.language)}
              </td>
              <td className="hidden p-3 text-right tabular-nums sm:table-cell">
                {minutes(row.seconds)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
