import { appOrigin } from "@alif/auth";
import { useTranslation } from "@alif/i18n";
import { cx } from "@alif/ui";
import { APPS } from "../lib/apps.ts";

/** The ALIF24 apps as big tiles; the ones not live yet say "coming soon" and do not link. */
export function AppTiles(props: {
  size?: "md" | "xl";
  showDescription?: boolean;
  forChildren?: boolean;
}) {
  const { t } = useTranslation("common");
  const big = props.size === "xl";
  return (
    <ul
      className={cx(
        "grid gap-4",
        big ? "grid-cols-2 sm:grid-cols-3" : "grid-cols-1 sm:grid-cols-2 lg:grid-cols-3",
      )}
    >
      {APPS.filter((app) => !props.forChildren || app.forChildren).map((app) => {
        const soon = app.status === "soon";
        const body = (
          <>
            <span aria-hidden="true" className={big ? "text-6xl" : "text-4xl"}>
              {app.emoji}
            </span>
            <span className="flex flex-col gap-1">
              <span className={cx("font-extrabold", big ? "text-xl" : "text-lg")}>
                {t(`apps.${app.id}.name`)}
              </span>
              {props.showDescription ? (
                // Faded on a live tile's colour; full strength on a grey one (contrast).
                <span className={cx("text-sm", !soon && "opacity-80")}>
                  {t(`apps.${app.id}.description`)}
                </span>
              ) : null}
              {soon ? (
                <span
                  className={cx(
                    "mt-1 inline-flex w-fit items-center gap-1 rounded-full bg-white px-2.5 py-0.5 font-bold text-slate-700 text-xs",
                    big && "self-center",
                  )}
                >
                  <span aria-hidden="true">🔒</span>
                  {t("apps.soon")}
                </span>
              ) : null}
            </span>
          </>
        );
        const tile = cx(
          "flex h-full gap-4 rounded-[var(--radius-card)] p-5",
          big ? "min-h-40 flex-col items-center justify-center text-center" : "items-start",
        );
        return (
          <li key={app.id}>
            {soon ? (
              // Not live yet: grey, dashed and flat, so that it cannot pass for a tile to press.
              <div
                className={cx(
                  tile,
                  "cursor-not-allowed border-2 border-slate-300 border-dashed bg-slate-100 text-slate-600 grayscale",
                )}
                data-status="soon"
              >
                {body}
              </div>
            ) : (
              <a
                href={appOrigin(app.id)}
                className={cx(
                  tile,
                  app.tone,
                  "shadow-sm ring-1 ring-black/5",
                  "transition-transform hover:-translate-y-0.5 motion-reduce:hover:translate-y-0",
                )}
              >
                {body}
              </a>
            )}
          </li>
        );
      })}
    </ul>
  );
}
