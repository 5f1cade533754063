import { MyCoins } from "@alif/app/wallet";
import { useAuth, useMe } from "@alif/auth";
import { useTranslation } from "@alif/i18n";
import { buttonClass, cx } from "@alif/ui";
import { useQuery } from "@tanstack/react-query";
import { Link } from "react-router";
import { type GameKind, statsQuery } from "../lib/queries.ts";

function Picture2048() {
  const tiles = [
    ["2", "bg-[#eef6f4] text-ink"],
    ["4", "bg-[#d6f2ec] text-ink"],
    ["8", "bg-[#ffd66b] text-ink"],
    ["16", "bg-[#f5a511] text-ink"], // white on orange is 2:1, too faint to read
  ];
  return (
    <span
      aria-hidden="true"
      className="grid size-28 grid-cols-2 gap-1.5 rounded-2xl bg-brand-800 p-1.5"
    >
      {tiles.map(([value, tone]) => (
        <span
          key={value}
          className={cx("grid place-items-center rounded-lg font-black text-xl", tone)}
        >
          {value}
        </span>
      ))}
    </span>
  );
}

function PictureTetris() {
  const cells = [
    [1, 0, "#a855f7"],
    [0, 1, "#a855f7"],
    [1, 1, "#a855f7"],
    [2, 1, "#a855f7"],
    [0, 2, "#22d3ee"],
    [1, 2, "#facc15"],
    [2, 2, "#facc15"],
    [3, 2, "#22c55e"],
    [0, 3, "#ef4444"],
    [1, 3, "#ef4444"],
    [2, 3, "#3b82f6"],
    [3, 3, "#22c55e"],
  ] as const;
  return (
    <span
      aria-hidden="true"
      className="grid size-28 grid-cols-4 grid-rows-4 gap-0.5 rounded-2xl bg-brand-800 p-1.5"
    >
      {cells.map(([x, y, color]) => (
        <span
          key={`${x}-${y}`}
          className="rounded-[4px]"
          style={{ gridColumn: x + 1, gridRow: y + 1, background: color }}
        />
      ))}
    </span>
  );
}

const TILES: { game: GameKind; name: string; picture: () => React.JSX.Element; tone: string }[] = [
  { game: "2048", name: "2048", picture: Picture2048, tone: "bg-sun-100" },
  { game: "tetris", name: "Tetris", picture: PictureTetris, tone: "bg-sky-100" },
];

/** The games, big: a picture, a name, my best score, and one tap to play. */
export default function Picker() {
  const { t } = useTranslation();
  const me = useMe();
  const { api } = useAuth();
  const stats = useQuery(statsQuery(api));
  return (
    <div className="flex flex-col gap-6">
      <div className="flex flex-wrap items-center gap-3">
        <h1 className="flex-1 font-black text-3xl">
          {t("picker.hello", { name: me.user.first_name })}
        </h1>
        {me.user.role === "student" ? <MyCoins /> : null}
      </div>
      <ul className="grid gap-4 sm:grid-cols-2">
        {TILES.map(({ game, name, picture: Picture, tone }) => {
          const best = stats.data?.games.find((g) => g.game === game)?.best_score;
          return (
            <li key={game}>
              <Link
                to={`/play/${game}`}
                className={cx(
                  "flex items-center gap-5 rounded-[2rem] p-5 transition-transform hover:-translate-y-0.5 motion-reduce:hover:translate-y-0",
                  tone,
                )}
              >
                <Picture />
                <span className="flex flex-1 flex-col gap-1">
                  <span className="font-black text-3xl">{name}</span>
                  <span className="text-muted">{t(`picker.about.${game}`)}</span>
                  {best != null ? (
                    <span className="font-bold">🏅 {t("picker.best", { score: best })}</span>
                  ) : null}
                  <span className={buttonClass("primary", "lg", "mt-2 self-start")}>
                    ▶ {t("play.start")}
                  </span>
                </span>
              </Link>
            </li>
          );
        })}
      </ul>
      <div className="grid grid-cols-2 gap-4">
        <Link to="/leaderboards" className={buttonClass("secondary", "xl", "flex-col gap-1 py-4")}>
          <span aria-hidden="true" className="text-4xl">
            🏆
          </span>
          {t("nav.leaderboards")}
        </Link>
        <Link to="/me" className={buttonClass("secondary", "xl", "flex-col gap-1 py-4")}>
          <span aria-hidden="true" className="text-4xl">
            📈
          </span>
          {t("nav.myScores")}
        </Link>
      </div>
      {me.user.role !== "student" ? <p className="text-muted">{t("picker.adultNote")}</p> : null}
    </div>
  );
}
