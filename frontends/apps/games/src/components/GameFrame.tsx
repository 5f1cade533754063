import { errorMessage, useTranslation } from "@alif/i18n";
import { Alert, Button, buttonClass, Dialog, linkClass, Spinner } from "@alif/ui";
import { type ReactNode, useState } from "react";
import { Link } from "react-router";
import type { Phase } from "../lib/session.ts";

/** The screen before a game: its name and picture, how to play, and one big button. */
export function GameStart(props: {
  title: string;
  icon: ReactNode;
  howTo: ReactNode;
  phase: Phase;
  onStart(): void;
}) {
  const { t } = useTranslation();
  const { phase } = props;
  return (
    <div className="mx-auto flex max-w-md flex-col items-center gap-5 text-center">
      <Link to="/" className={linkClass("self-start")}>
        ← {t("nav.games")}
      </Link>
      <div aria-hidden="true" className="text-8xl">
        {props.icon}
      </div>
      <h1 className="font-black text-4xl">{props.title}</h1>
      <div className="text-lg text-muted">{props.howTo}</div>
      {phase.name === "failed" ? <Alert tone="error">{errorMessage(t, phase.error)}</Alert> : null}
      <Button
        size="xl"
        variant="sun"
        block
        loading={phase.name === "starting"}
        onClick={props.onStart}
        autoFocus
      >
        <span aria-hidden="true">▶</span> {t("play.start")}
      </Button>
    </div>
  );
}

/**
 * Score, best and the way out above a game being played. "Finish" sits next to the score, where a
 * child's thumb lands by mistake: it asks first (`onAsk` tells the game, which holds still meanwhile).
 */
export function ScoreBar(props: {
  score: number;
  best: number | null;
  extra?: ReactNode;
  /** While playing: end the game now (what was played is counted). */
  onEnd?: () => void;
  onAsk?: (asking: boolean) => void;
}) {
  const { t } = useTranslation();
  const [asking, setAskingState] = useState(false);
  const { onEnd, onAsk } = props;
  const setAsking = (value: boolean) => {
    setAskingState(value);
    onAsk?.(value);
  };
  return (
    <div className="flex flex-wrap items-center gap-2">
      <div className="flex min-w-24 flex-col rounded-2xl bg-brand-700 px-4 py-1.5 text-white">
        <span className="font-bold text-xs uppercase opacity-80">{t("play.score")}</span>
        <span className="font-black text-2xl tabular-nums" data-testid="live-score">
          {props.score}
        </span>
      </div>
      {props.best !== null ? (
        <div className="flex min-w-24 flex-col rounded-2xl bg-sun-100 px-4 py-1.5">
          <span className="font-bold text-amber-900 text-xs uppercase">{t("play.best")}</span>
          <span className="font-black text-2xl tabular-nums">{props.best}</span>
        </div>
      ) : null}
      {props.extra}
      <span className="flex-1" />
      {onEnd ? (
        <Button variant="secondary" onClick={() => setAsking(true)}>
          {t("play.end")}
        </Button>
      ) : null}
      <Dialog
        open={asking && Boolean(onEnd)}
        onClose={() => setAsking(false)}
        title={t("play.endTitle")}
        actions={
          <>
            <Button variant="secondary" size="lg" onClick={() => setAsking(false)} autoFocus>
              {t("play.keepPlaying")}
            </Button>
            <Button
              size="lg"
              onClick={() => {
                setAsking(false);
                onEnd?.();
              }}
            >
              {t("play.endYes")}
            </Button>
          </>
        }
      >
        <p>{t("play.endText")}</p>
      </Dialog>
    </div>
  );
}

export function Waiting() {
  return (
    <div className="grid min-h-64 place-items-center">
      <Spinner />
    </div>
  );
}

export function BackToGames() {
  const { t } = useTranslation();
  return (
    <Link to="/" className={buttonClass("ghost", "md")}>
      ← {t("nav.games")}
    </Link>
  );
}
