import { call } from "@alif/api";
import { useAuth } from "@alif/auth";
import { errorMessage, useTranslation } from "@alif/i18n";
import { Alert, Button, Card, cx, Field, Loading, Select } from "@alif/ui";
import { useMutation } from "@tanstack/react-query";
import { useCallback, useMemo, useState } from "react";
import { Link, useParams } from "react-router";
import { renderSVG } from "uqr";
import type { LiveGame, LiveOptions } from "../../lib/queries.ts";
import { Countdown, Distribution, PodiumView, TopList } from "../../live/parts.tsx";
import { shapeOf } from "../../live/protocol.ts";
import { type Game, useLiveGame } from "../../live/useLiveGame.ts";

type GameRead = LiveGame;
type Options = LiveOptions;

const SECONDS = [10, 20, 30, 45, 60, 90, 120];

/** The teacher's side: choose the rules, then the projector screen of the game. */
export default function Host() {
  const { t } = useTranslation();
  const { api } = useAuth();
  const { testId = "" } = useParams();
  const [options, setOptions] = useState<Options>({
    nicknames_allowed: false,
    speed_bonus: true,
    streaks: true,
    seconds_per_question: 20,
  });
  const create = useMutation({
    mutationFn: () =>
      call(
        api.testai.POST("/api/testai/tests/{test_id}/live", {
          params: { path: { test_id: testId } },
          body: options,
        }),
      ),
  });
  if (create.data) return <HostScreen created={create.data} />;
  const toggle = (name: "nicknames_allowed" | "speed_bonus" | "streaks", label: string) => (
    <label className="flex items-center gap-3 text-lg">
      <input
        type="checkbox"
        name={name}
        className="size-6"
        checked={Boolean(options[name])}
        onChange={(e) => setOptions({ ...options, [name]: e.target.checked })}
      />
      {label}
    </label>
  );
  return (
    <div className="mx-auto flex max-w-xl flex-col gap-4 p-4">
      <h1 className="font-black text-3xl">{t("live.hostHeading")}</h1>
      <Card className="flex flex-col gap-4">
        {toggle("nicknames_allowed", t("live.allowNicknames"))}
        {toggle("speed_bonus", t("live.speedBonus"))}
        {toggle("streaks", t("live.streaks"))}
        <Field label={t("live.secondsPerQuestion")}>
          <Select
            name="seconds"
            value={options.seconds_per_question}
            onChange={(e) =>
              setOptions({ ...options, seconds_per_question: Number(e.target.value) })
            }
          >
            {SECONDS.map((s) => (
              <option key={s} value={s}>
                {t("live.seconds", { count: s })}
              </option>
            ))}
          </Select>
        </Field>
        <Button size="lg" loading={create.isPending} onClick={() => create.mutate()}>
          🎮 {t("live.open")}
        </Button>
        {create.error ? <Alert tone="error">{errorMessage(t, create.error)}</Alert> : null}
      </Card>
      <Link to={`/tests/${testId}`} className="font-bold text-brand-700">
        ← {t("live.backToTest")}
      </Link>
    </div>
  );
}

function HostScreen(props: { created: GameRead }) {
  const { t } = useTranslation();
  const { session } = useAuth();
  const { code } = props.created;
  const hello = useCallback(
    async () => ({ code, role: "host" as const, token: await session.accessToken() }),
    [code, session],
  );
  const { game, send } = useLiveGame(hello);
  const joinUrl = `${window.location.origin}/live?code=${code}`;
  const qr = useMemo(
    () => `data:image/svg+xml;utf8,${encodeURIComponent(renderSVG(joinUrl, { border: 1 }))}`,
    [joinUrl],
  );
  if (!game.welcome) {
    return game.connection === "closed" ? (
      <Alert tone="error">{errorMessage(t, { code: game.closedReason ?? "unknown" })}</Alert>
    ) : (
      <Loading />
    );
  }
  const view = game.podium
    ? "podium"
    : game.reveal
      ? "reveal"
      : game.question
        ? "question"
        : "lobby";
  return (
    <div className="flex min-h-[80vh] flex-col gap-6 p-4 text-lg" data-testid="live-host">
      <header className="flex flex-wrap items-center justify-between gap-3">
        <h1 className="font-black text-3xl">{props.created.title}</h1>
        <p className="font-black text-2xl">
          {t("live.code")}:{" "}
          <span data-testid="live-code" className="tracking-widest">
            {code}
          </span>
        </p>
        {game.connection === "reconnecting" ? (
          <span role="status" className="font-bold text-amber-700">
            {t("live.reconnecting")}
          </span>
        ) : null}
      </header>
      {game.error ? <Alert tone="error">{errorMessage(t, game.error)}</Alert> : null}
      {view === "lobby" ? (
        <section className="grid gap-6 md:grid-cols-[auto_1fr]">
          <div className="flex flex-col items-center gap-3">
            <img src={qr} alt={t("live.qr")} className="size-64 bg-white" />
            <p className="text-center">
              {t("live.goTo", { address: `${window.location.host}/live` })}
            </p>
            <p className="font-black text-7xl tracking-widest">{code}</p>
          </div>
          <div className="flex flex-col gap-4">
            <h2 className="font-black text-2xl">
              {t("live.playersJoined", { count: game.players.length })}
            </h2>
            <ul className="flex flex-wrap gap-2" data-testid="live-lobby">
              {game.players.map((player) => (
                <li
                  key={player.id}
                  className="flex items-center gap-2 rounded-full bg-white px-4 py-2 font-bold shadow"
                >
                  {player.name}
                  <button
                    type="button"
                    className="rounded-full px-2 text-red-700 hover:bg-red-50"
                    aria-label={t("live.remove", { name: player.name })}
                    onClick={() => send({ type: "kick", player_id: player.id })}
                  >
                    ✕
                  </button>
                </li>
              ))}
            </ul>
            <Button
              size="xl"
              disabled={game.players.length === 0}
              onClick={() => send({ type: "start" })}
            >
              ▶ {t("live.start")}
            </Button>
          </div>
        </section>
      ) : null}
      {view === "question" && game.question ? <QuestionBoard game={game} send={send} /> : null}
      {view === "reveal" && game.reveal ? (
        <section className="grid gap-6 md:grid-cols-2">
          <div className="flex flex-col gap-3">
            <Distribution bars={game.reveal.bars} />
            {game.reveal.accepted.length ? (
              <p className="font-bold">
                {t("live.accepted", { answers: game.reveal.accepted.join(", ") })}
              </p>
            ) : null}
          </div>
          <div className="flex flex-col gap-3">
            <h2 className="font-black text-2xl">{t("live.top")}</h2>
            <TopList rows={game.reveal.top} />
            <div className="flex gap-3">
              <Button size="xl" onClick={() => send({ type: "next" })}>
                {game.reveal.last ? `🏆 ${t("live.toPodium")}` : `▶ ${t("live.next")}`}
              </Button>
              {game.reveal.last ? null : (
                <Button variant="ghost" onClick={() => send({ type: "end" })}>
                  {t("live.end")}
                </Button>
              )}
            </div>
          </div>
        </section>
      ) : null}
      {view === "podium" && game.podium ? (
        <section className="mx-auto flex w-full max-w-3xl flex-col gap-6">
          <PodiumView top={game.podium.top} />
          <TopList rows={game.podium.top} />
          <Link to={`/tests/${props.created.test_id}/results`} className="font-bold text-brand-700">
            📊 {t("live.toResults")}
          </Link>
        </section>
      ) : null}
    </div>
  );
}

function QuestionBoard(props: { game: Game; send: ReturnType<typeof useLiveGame>["send"] }) {
  const { t } = useTranslation();
  const { game, send } = props;
  const question = game.question;
  if (!question) return null;
  const view = question.question;
  return (
    <section className="flex flex-col gap-5">
      <div className="flex items-center justify-between gap-4">
        <p className="font-bold">
          {t("live.questionOf", { n: view.index + 1, count: view.count })}
        </p>
        <p className="font-bold" data-testid="live-answers">
          {t("live.answers", { count: game.count?.answered ?? 0 })}
        </p>
      </div>
      <div className="flex items-center gap-6">
        <Countdown question={question} big />
        <h2 className="flex-1 font-black text-4xl">{view.text}</h2>
      </div>
      {view.image_url ? (
        <img src={view.image_url} alt="" className="mx-auto max-h-72 rounded-xl" />
      ) : null}
      <div className="grid grid-cols-2 gap-4">
        {view.options.map((option, i) => {
          const look = shapeOf(i);
          return (
            <div
              key={option.id}
              className={cx(
                "flex items-center gap-4 rounded-2xl p-5 font-black text-3xl text-white",
                look.colour,
              )}
            >
              <span aria-hidden="true">{look.shape}</span>
              {option.text}
            </div>
          );
        })}
      </div>
      <div className="flex flex-wrap gap-3">
        {question.timer.paused ? (
          <Button onClick={() => send({ type: "resume" })}>▶ {t("live.resume")}</Button>
        ) : (
          <Button variant="secondary" onClick={() => send({ type: "pause" })}>
            ⏸ {t("live.pause")}
          </Button>
        )}
        <Button variant="secondary" onClick={() => send({ type: "skip" })}>
          ⏭ {t("live.skip")}
        </Button>
        <Button variant="ghost" onClick={() => send({ type: "end" })}>
          {t("live.end")}
        </Button>
      </div>
    </section>
  );
}
