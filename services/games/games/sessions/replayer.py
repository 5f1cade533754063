from collections.abc import Sequence

import anyio

from games.engines.replay import GameKind, Input, Replay, replay


class Replayer:
    """Replays run in a small thread pool: a long game costs tens of milliseconds of pure Python,
    and the event loop keeps answering other requests meanwhile."""

    def __init__(self, threads: int) -> None:
        self._limiter = anyio.CapacityLimiter(threads)

    async def replay(
        self, game: GameKind, seed: str, inputs: Sequence[Input], end_tick: int
    ) -> Replay:
        return await anyio.to_thread.run_sync(
            replay, game, seed, inputs, end_tick, limiter=self._limiter
        )
