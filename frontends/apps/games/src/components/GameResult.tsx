import { usePreferences } from "@alif/app/preferences";
import { useAuth } from "@alif/auth";
import { errorMessage, useTranslation } from "@alif/i18n";
import { Alert, Button, buttonClass, cx } from "@alif/ui";
import { useQuery } from "@tanstack/react-query";
import { type ReactNode, useEffect, useId, useRef } from "react";
import { Link } from "react-router";
import { type GameKind, rulesQuery, type SessionRead } from "../lib/queries.ts";
import type { Phase } from "../lib/session.ts";
import { play } from "../lib/sound.ts";

/** "10 moves" -> a sentence in the player's language. */
function MinimumPlay(props: { game: GameKind; text: string | undefined }) {
  const { t } = useTranslation();
  const [count, unit] = (props.text ?? "").split(" ");
  if (!count || !unit) return null;
  return <>{t(`result.minimum.${unit}`, { count: Number(count), n: count })}</>;
}

/** Why a verified game paid fewer coins than its score is worth, in a child's words. */
function CoinsNote(props: { result: SessionRead; game: GameKind }) {
  const { t } = useTranslation();
  const { api } = useAuth();
  const rules = useQuery(rulesQuery(api));
  const { result } = props;
  if (!result.ranked) return <p className="text-muted">{t("result.notRanked")}</p>;
  if (result.flagged) return <Alert tone="warning">{t("result.flagged")}</Alert>;
  const paid = result.coins_paid ?? 0;
  if (result.coins > paid) {
    return (
      <Alert tone="info" icon="🌙">
        {t("result.capReached", { cap: rules.data?.coins_daily_cap ?? "" })}
      </Alert>
    );
  }
  if (result.coins === 0) {
    const minimum = rules.data?.games.find((g) => g.game === props.game)?.minimum_play;
    return (
      <p className="text-muted">
        {t("result.noCoins")} <MinimumPlay game={props.game} text={minimum} />
      </p>
    );
  }
  return null;
}

/**
 * The result's frame: a heading that takes the focus when the game ends, which brings the result
 * and "play again" into view on a phone (the board and its controls fill the screen) and tells a
 * screen reader the game is over.
 */
function ResultSection(props: { children: ReactNode }) {
  const { t } = useTranslation();
  const id = useId();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    heading.current?.focus({ preventScroll: true });
    heading.current?.scrollIntoView?.({ block: "start", behavior: "smooth" });
  }, []);
  return (
    <section aria-labelledby={id} className="flex scroll-mt-20 flex-col gap-4">
      <h1
        id={id}
        ref={heading}
        tabIndex={-1}
        className="text-center font-black text-3xl outline-none"
      >
        {t("play.over")}
      </h1>
      {props.children}
    </section>
  );
}

/** The end of a game: the score the server replayed, the coins it paid, and what next. */
export function GameResult(props: {
  game: GameKind;
  phase: Phase;
  best: number | null;
  onAgain(): void;
  onRetry(): void;
}) {
  return (
    <ResultSection>
      <ResultBody {...props} />
    </ResultSection>
  );
}

function ResultBody(props: {
  game: GameKind;
  phase: Phase;
  best: number | null;
  onAgain(): void;
  onRetry(): void;
}) {
  const { t } = useTranslation();
  const { sound } = usePreferences();
  const { phase } = props;
  const result = phase.name === "finished" ? phase.result : null;
  const paid = result?.coins_paid ?? 0;
  useEffect(() => {
    if (result && paid > 0) play("coins", sound);
  }, [result, paid, sound]);

  if (phase.name === "finishing") {
    return (
      <div className="flex flex-col items-center gap-3 text-center" aria-live="polite">
        <span aria-hidden="true" className="animate-spin text-5xl motion-reduce:animate-none">
          🎲
        </span>
        <p className="font-extrabold text-xl">{t("result.checking")}</p>
      </div>
    );
  }
  if (phase.name === "unsent") {
    return (
      <Alert
        tone="error"
        title={t("result.unsent")}
        action={<Button onClick={props.onRetry}>{t("result.sendAgain")}</Button>}
      >
        {errorMessage(t, phase.error)}
      </Alert>
    );
  }
  if (phase.name === "failed") {
    return (
      <div className="flex flex-col items-center gap-4">
        <Alert tone="error" title={t("result.refused")}>
          {errorMessage(t, phase.error)}
        </Alert>
        <Button size="xl" onClick={props.onAgain}>
          {t("play.again")}
        </Button>
      </div>
    );
  }
  if (!result) return null;
  const record = props.best !== null && (result.score ?? 0) > props.best && !result.flagged;
  return (
    <div className="flex flex-col items-center gap-4 text-center" aria-live="polite">
      <p className="font-bold text-lg text-muted">{t("result.verified")}</p>
      <p className="font-black text-6xl tabular-nums" data-testid="verified-score">
        {result.score ?? 0}
      </p>
      {record ? (
        <p className="rounded-full bg-sun-100 px-4 py-1 font-extrabold text-amber-900 text-lg">
          🏅 {t("result.record")}
        </p>
      ) : null}
      {paid > 0 ? (
        <p
          className={cx(
            "flex items-center gap-2 rounded-2xl bg-sun-100 px-5 py-3 font-black text-3xl",
            "animate-pop",
          )}
          data-testid="coins-paid"
          data-coins={paid}
        >
          <span aria-hidden="true">🪙 +{paid}</span>
          <span className="sr-only">{t("result.coins", { coins: paid })}</span>
        </p>
      ) : null}
      <div className="flex flex-wrap justify-center gap-3">
        <Button size="xl" variant="sun" onClick={props.onAgain}>
          <span aria-hidden="true">🔁</span> {t("play.again")}
        </Button>
        <Link to={`/leaderboards?game=${props.game}`} className={buttonClass("secondary", "xl")}>
          <span aria-hidden="true">🏆</span> {t("nav.leaderboards")}
        </Link>
      </div>
      <CoinsNote result={result} game={props.game} />
    </div>
  );
}
