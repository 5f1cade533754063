import { loginUrl, useAuth } from "@alif/auth";
import { errorMessage, useTranslation } from "@alif/i18n";
import { Alert, Button, Card, cx, Field, Input, Loading } from "@alif/ui";
import { type FormEvent, useCallback, useEffect, useState } from "react";
import { useSearchParams } from "react-router";
import { Countdown, PodiumView } from "../../live/parts.tsx";
import { shapeOf } from "../../live/protocol.ts";
import { type Game, useLiveGame } from "../../live/useLiveGame.ts";

const resumeKey = (code: string) => `testai:live:${code}`;

/** A phone joins by the six-digit code: signed in (a child's PIN login too) or, when the
 * teacher allows it, with a nickname. A reload or a lost connection comes back as the same
 * player (the account, or the key the server gave the nickname, kept for this tab). */
export default function Play() {
  const { t } = useTranslation();
  const auth = useAuth();
  const [params] = useSearchParams();
  const [code, setCode] = useState(params.get("code") ?? "");
  const [nickname, setNickname] = useState("");
  const [joined, setJoined] = useState<string | null>(null);
  const signedIn = auth.state.status === "signedIn";

  const hello = useCallback(async () => {
    const game = joined ?? "";
    if (auth.state.status === "signedIn") {
      return { code: game, role: "player" as const, token: await auth.session.accessToken() };
    }
    const resume = sessionStorage.getItem(resumeKey(game));
    return resume
      ? { code: game, role: "player" as const, resume }
      : { code: game, role: "player" as const, nickname };
  }, [auth, joined, nickname]);
  const { game, send } = useLiveGame(joined ? hello : null);

  const resume = game.welcome?.resume;
  useEffect(() => {
    if (joined && resume) sessionStorage.setItem(resumeKey(joined), resume);
  }, [joined, resume]);

  const refused = game.connection === "closed" && !game.podium && !game.removed;
  useEffect(() => {
    // A refusal (a wrong code, a taken nickname) brings the form back with the reason.
    if (refused && joined) {
      if (game.closedReason === "not_a_player") sessionStorage.removeItem(resumeKey(joined));
      setJoined(null);
    }
  }, [refused, joined, game.closedReason]);

  if (auth.state.status === "loading") return <Loading />;
  if (!joined) {
    const submit = (event: FormEvent) => {
      event.preventDefault();
      if (/^\d{6}$/.test(code)) setJoined(code);
    };
    const reason = game.error ?? (game.closedReason ? { code: game.closedReason } : null);
    return (
      <div className="mx-auto flex max-w-md flex-col gap-4 p-4">
        <h1 className="font-black text-3xl">{t("live.joinHeading")}</h1>
        <form onSubmit={submit} className="flex flex-col gap-4">
          <Field label={t("live.code")}>
            <Input
              name="code"
              inputMode="numeric"
              autoComplete="off"
              maxLength={6}
              value={code}
              onChange={(e) => setCode(e.target.value.replace(/\D/g, ""))}
              className="text-center font-black text-4xl tracking-[0.3em]"
            />
          </Field>
          {signedIn ? null : (
            <Field label={t("live.nickname")} hint={t("live.nicknameHint")}>
              <Input
                name="nickname"
                maxLength={24}
                autoComplete="off"
                value={nickname}
                onChange={(e) => setNickname(e.target.value)}
              />
            </Field>
          )}
          <Button
            type="submit"
            size="lg"
            disabled={code.length !== 6 || (!signedIn && !nickname.trim())}
          >
            {t("live.join")}
          </Button>
        </form>
        {signedIn ? null : (
          <a
            className="text-center font-bold text-brand-700 underline"
            href={loginUrl(window.location.href, { path: "/login/child" })}
          >
            {t("live.orLogIn")}
          </a>
        )}
        {reason ? <Alert tone="error">{errorMessage(t, reason)}</Alert> : null}
      </div>
    );
  }
  return <PlayerScreen game={game} send={send} />;
}

function PlayerScreen(props: { game: Game; send: ReturnType<typeof useLiveGame>["send"] }) {
  const { t } = useTranslation();
  const { game, send } = props;
  const { welcome } = game;
  if (game.removed) return <Alert tone="warning">{t("live.removed")}</Alert>;
  if (!welcome) return <Loading />;
  return (
    <div
      className="mx-auto flex min-h-[70vh] max-w-lg flex-col gap-4 p-3"
      data-testid="live-player"
    >
      <header className="flex items-center justify-between font-bold">
        <span data-testid="live-name">{welcome.name}</span>
        {game.connection === "reconnecting" ? (
          <span role="status" className="text-amber-700">
            {t("live.reconnecting")}
          </span>
        ) : null}
      </header>
      {game.podium ? (
        <section className="flex flex-col gap-4 text-center">
          <PodiumView top={game.podium.top} />
          {game.podium.you ? (
            <p className="font-black text-3xl" data-testid="live-final">
              {t("live.yourPlace", { rank: game.podium.you.rank, score: game.podium.you.score })}
            </p>
          ) : null}
        </section>
      ) : game.reveal ? (
        <RevealCard game={game} />
      ) : game.question ? (
        game.answered?.accepted ? (
          <Card className="py-10 text-center">
            <p className="font-black text-3xl" data-testid="live-sent">
              {t("live.sent")}
            </p>
            <p>{t("live.waitOthers")}</p>
          </Card>
        ) : (
          <Answer question={game.question} refused={game.answered} send={send} />
        )
      ) : (
        <Card className="py-10 text-center">
          <p className="font-black text-3xl" data-testid="live-in">
            {t("live.youAreIn")}
          </p>
          <p>{t("live.waitStart")}</p>
        </Card>
      )}
    </div>
  );
}

function RevealCard(props: { game: Game }) {
  const { t } = useTranslation();
  const you = props.game.reveal?.you;
  if (!you) return null;
  return (
    <Card
      className={cx("py-8 text-center text-white", you.correct ? "bg-green-600" : "bg-red-600")}
      data-testid="live-result"
    >
      <p className="font-black text-4xl">
        {you.correct
          ? `✔ ${t("live.correct")}`
          : you.answered
            ? `✘ ${t("live.wrong")}`
            : t("live.noAnswer")}
      </p>
      <p className="font-bold text-2xl">+{you.points}</p>
      {you.streak > 1 ? (
        <p className="text-xl">🔥 {t("live.streak", { count: you.streak })}</p>
      ) : null}
      <p className="text-xl">{t("live.scoreRank", { score: you.score, rank: you.rank })}</p>
    </Card>
  );
}

function Answer(props: {
  question: NonNullable<Game["question"]>;
  refused: Game["answered"];
  send: ReturnType<typeof useLiveGame>["send"];
}) {
  const { t } = useTranslation();
  const { question, send } = props;
  const view = question.question;
  const [picked, setPicked] = useState<string[]>([]);
  const [typed, setTyped] = useState("");
  const answer = (fields: { choice?: string[]; truth?: boolean; text?: string }) =>
    send({ type: "answer", index: view.index, ...fields });
  const big = "min-h-24 rounded-2xl p-3 font-black text-2xl text-white shadow active:scale-95";
  return (
    <section className="flex flex-col gap-3">
      <div className="flex items-center justify-between gap-3">
        <p className="font-bold text-lg">{view.text}</p>
        <Countdown question={question} />
      </div>
      {props.refused && !props.refused.accepted ? (
        <Alert tone="warning">
          {t(`live.refused.${props.refused.reason ?? "question_closed"}`)}
        </Alert>
      ) : null}
      {view.type === "single" || view.type === "multiple" ? (
        <div className="grid grid-cols-2 gap-3">
          {view.options.map((option, i) => {
            const look = shapeOf(i);
            const on = picked.includes(option.id);
            return (
              <button
                key={option.id}
                type="button"
                aria-pressed={view.type === "multiple" ? on : undefined}
                aria-label={`${t(`live.shape.${look.name}`)}: ${option.text}`}
                className={cx(big, look.colour, on && "ring-4 ring-slate-900")}
                onClick={() =>
                  view.type === "single"
                    ? answer({ choice: [option.id] })
                    : setPicked(on ? picked.filter((p) => p !== option.id) : [...picked, option.id])
                }
              >
                <span aria-hidden="true" className="block text-4xl">
                  {look.shape}
                </span>
                <span className="block text-lg">{option.text}</span>
              </button>
            );
          })}
        </div>
      ) : null}
      {view.type === "multiple" ? (
        <Button size="lg" disabled={picked.length === 0} onClick={() => answer({ choice: picked })}>
          {t("live.send")}
        </Button>
      ) : null}
      {view.type === "true_false" ? (
        <div className="grid grid-cols-2 gap-3">
          <button
            type="button"
            className={cx(big, "bg-green-600")}
            onClick={() => answer({ truth: true })}
          >
            ✔ {t("take.true")}
          </button>
          <button
            type="button"
            className={cx(big, "bg-red-600")}
            onClick={() => answer({ truth: false })}
          >
            ✘ {t("take.false")}
          </button>
        </div>
      ) : null}
      {view.type === "short_answer" || view.type === "numeric" ? (
        <form
          className="flex flex-col gap-3"
          onSubmit={(e) => {
            e.preventDefault();
            if (typed.trim()) answer({ text: typed.trim() });
          }}
        >
          <Input
            aria-label={t("live.yourAnswer")}
            inputMode={view.type === "numeric" ? "decimal" : "text"}
            value={typed}
            maxLength={500}
            onChange={(e) => setTyped(e.target.value)}
            className="text-2xl"
          />
          <Button type="submit" size="lg" disabled={!typed.trim()}>
            {t("live.send")}
          </Button>
        </form>
      ) : null}
    </section>
  );
}
