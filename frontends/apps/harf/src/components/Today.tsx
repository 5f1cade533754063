import { useAuth } from "@alif/auth";
import { useTranslation } from "@alif/i18n";
import { useQuery } from "@tanstack/react-query";
import { todayQuery } from "../lib/queries.ts";

/** Today's goal as a bar of right answers, and the days running. */
export function Today() {
  const { t } = useTranslation();
  const { api } = useAuth();
  const today = useQuery(todayQuery(api));
  if (!today.data) return null;
  const { goal, done, streak } = today.data;
  const met = done >= goal;
  return (
    <section
      aria-label={t("today.title")}
      className="flex flex-wrap items-center gap-4 rounded-3xl bg-white p-4 shadow-sm ring-1 ring-slate-200/70"
    >
      <span aria-hidden="true" className="text-4xl">
        {met ? "🏆" : "🎯"}
      </span>
      <div className="min-w-40 flex-1">
        <p className="font-extrabold text-lg">
          {met ? t("today.met") : t("today.goal", { done: Math.min(done, goal), goal })}
        </p>
        <div
          role="progressbar"
          aria-label={t("today.title")}
          aria-valuemin={0}
          aria-valuemax={goal}
          aria-valuenow={Math.min(done, goal)}
          className="mt-2 h-4 overflow-hidden rounded-full bg-sun-100"
        >
          <div
            className="h-full rounded-full bg-sun-400 transition-[width]"
            style={{ width: `${Math.min(100, (done / goal) * 100)}%` }}
          />
        </div>
      </div>
      {streak > 0 ? (
        <p className="rounded-2xl bg-orange-100 px-3 py-2 font-black text-lg text-orange-900">
          <span aria-hidden="true">🔥 </span>
          {t("today.streak", { count: streak })}
        </p>
      ) : null}
    </section>
  );
}
