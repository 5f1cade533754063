import { ApiError, call } from "@alif/api";
import { WALLET_KEY } from "@alif/app/wallet";
import { useAuth } from "@alif/auth";
import type { FinishedLog } from "@alif/game-engines";
import { useQueryClient } from "@tanstack/react-query";
import { useCallback, useEffect, useRef, useState } from "react";
import type { GameKind, SessionRead, SessionStarted } from "./queries.ts";

export type Phase =
  | { name: "idle" }
  | { name: "starting" }
  | { name: "playing"; session: SessionStarted }
  | { name: "finishing"; session: SessionStarted }
  | { name: "finished"; session: SessionStarted; result: SessionRead }
  /** The finish could not be sent (no answer, a server error): the log is kept to send again. */
  | { name: "unsent"; session: SessionStarted; error: ApiError; log: Sent }
  /** The server refused the start, or refused the game for good (its code says why). */
  | { name: "failed"; error: ApiError };

type Sent = { inputs: (string | number)[][]; end_tick: number; claimed_score: number };

function body(log: FinishedLog, claimedScore: number): Sent {
  return {
    inputs: log.inputs.map(([tick, action]) => [tick, action]),
    end_tick: log.end_tick,
    claimed_score: claimedScore,
  };
}

function asApiError(error: unknown): ApiError {
  return error instanceof ApiError ? error : ApiError.network(error);
}

/** A refusal that another try cannot change (a 4xx); anything else may be sent again. */
function isFinal(error: ApiError): boolean {
  return error.status >= 400 && error.status < 500 && error.status !== 429;
}

/**
 * One game's life on the server: start a session (the server picks the seed), then send the input
 * log once and keep the verified result. A finish is idempotent on the server, so sending the
 * same log again after a lost answer is safe.
 */
export function useGameSession(game: GameKind) {
  const { api } = useAuth();
  const client = useQueryClient();
  const [phase, setPhase] = useState<Phase>({ name: "idle" });
  const current = useRef(phase);
  current.current = phase;

  const start = useCallback(async () => {
    if (current.current.name === "starting") return;
    setPhase({ name: "starting" });
    try {
      const session = await call(api.games.POST("/api/games/sessions", { body: { game } }));
      setPhase({ name: "playing", session });
    } catch (error) {
      setPhase({ name: "failed", error: asApiError(error) });
    }
  }, [api, game]);

  const send = useCallback(
    async (session: SessionStarted, log: Sent) => {
      setPhase({ name: "finishing", session });
      try {
        const result = await call(
          api.games.POST("/api/games/sessions/{session_id}/finish", {
            params: { path: { session_id: session.id } },
            body: log,
          }),
        );
        setPhase({ name: "finished", session, result });
        void client.invalidateQueries({ queryKey: ["games"] });
        void client.invalidateQueries({ queryKey: WALLET_KEY });
        return result;
      } catch (caught) {
        const error = asApiError(caught);
        setPhase(
          isFinal(error) ? { name: "failed", error } : { name: "unsent", session, error, log },
        );
        return null;
      }
    },
    [api, client],
  );

  /** Send the finished game: `log` from the engine's player, the score the player saw. */
  const finish = useCallback(
    (log: FinishedLog, claimedScore: number) => {
      const now = current.current;
      if (now.name !== "playing") return Promise.resolve(null);
      return send(now.session, body(log, claimedScore));
    },
    [send],
  );

  const retry = useCallback(() => {
    const now = current.current;
    if (now.name === "unsent") void send(now.session, now.log);
  }, [send]);

  const reset = useCallback(() => setPhase({ name: "idle" }), []);

  return { phase, start, finish, retry, reset };
}

/**
 * A game left in the middle (another page, the tab closed) is still sent, so what was played is
 * counted; `pending` returns the log when there is something to send.
 */
export function useSendOnLeave(
  phase: Phase,
  pending: () => { log: FinishedLog; claimedScore: number; sessionId: string } | null,
) {
  const { api } = useAuth();
  const latest = useRef({ phase, pending });
  latest.current = { phase, pending };
  useEffect(
    () => () => {
      if (latest.current.phase.name !== "playing") return;
      const left = latest.current.pending();
      if (!left || left.log.inputs.length === 0) return;
      void api.games
        .POST("/api/games/sessions/{session_id}/finish", {
          params: { path: { session_id: left.sessionId } },
          body: body(left.log, left.claimedScore),
        })
        .catch(() => undefined);
    },
    [api],
  );
}

/**
 * Presses the server accepts: at most `max` in any 60 ticks (one second). Extra presses are
 * dropped here rather than sent, because a log with too many is refused for good.
 */
export class PressLimiter {
  private readonly ticks: number[] = [];
  constructor(private readonly max: number) {}

  allow(tick: number): boolean {
    while (this.ticks.length > 0 && (this.ticks[0] ?? 0) <= tick - 60) this.ticks.shift();
    if (this.ticks.length >= this.max) return false;
    this.ticks.push(tick);
    return true;
  }
}
