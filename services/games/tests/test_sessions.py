"""Playing through the API: the server picks the seed, replays the log, and only that score counts.

Next to each feature, its attack: forged scores and logs, impossible timing, replayed finishes,
another child's game.
"""

import random
import uuid
from typing import Any

import pytest
from httpx import AsyncClient, Response
from sqlalchemy.ext.asyncio import AsyncSession

from alif import ledger
from alif.auth import Role
from alif.testing import Actor, LoginAs
from games.engines.replay import GameKind, replay
from games.sessions.models import GameSession, SessionStatus
from games.testing import Log, Player2048, backdate, play_2048, play_tetris

SESSIONS = "/api/games/sessions"


async def start(actor: Actor, game: str = "2048") -> dict[str, Any]:
    response = await actor.post(SESSIONS, json={"game": game})
    assert response.status_code == 201, response.text
    body: dict[str, Any] = response.json()
    return body


async def finish(actor: Actor, session_id: str, log: Log, claimed: int) -> Response:
    return await actor.post(
        f"{SESSIONS}/{session_id}/finish",
        json={**log.as_json(), "claimed_score": claimed},
    )


def score_of(game: str, seed: str, log: Log) -> int:
    """What an honest client shows: its own engine's score (the same engine, by conformance)."""
    return replay(GameKind(game), seed, log.inputs, log.end_tick).score


async def played_game(
    actor: Actor, db: AsyncSession, game: str = "2048", *, moves: int = 120
) -> tuple[dict[str, Any], Log]:
    """Start a game, play it with a real player, and let the time it took pass."""
    started = await start(actor, game)
    if game == "2048":
        log = play_2048(started["seed"], moves=moves, rng=random.Random(1))
    else:
        log = play_tetris(started["seed"], pieces=moves, rng=random.Random(1)).finish()
    await backdate(db, started["id"], log.end_tick / 60 + 5)
    return started, log


async def test_a_student_plays_2048_and_the_replayed_score_counts(
    login_as: LoginAs, db_session: AsyncSession
) -> None:
    child = await login_as(Role.student)
    started, log = await played_game(child, db_session, moves=150)
    assert started["ranked"] is True
    assert len(started["seed"]) == 32
    assert started["limits"]["ticks_per_second"] == 60

    score = score_of("2048", started["seed"], log)
    response = await finish(child, started["id"], log, score)
    assert response.status_code == 200, response.text
    result = response.json()
    assert result["status"] == "finished"
    assert result["score"] == score > 0
    assert result["flagged"] is False
    assert result["stats"]["moves"] == 150
    assert result["coins"] == min(20, score // 400) > 0
    assert result["coins_paid"] == result["coins"]
    assert await ledger.balance_of(db_session, child.id) == result["coins"]
    assert result["xp"] == min(100, score * 5 // 400)
    assert result["seconds_played"] == log.end_tick / 60

    board = (await child.get("/api/games/leaderboards/2048?period=day")).json()
    assert board["me"]["rank"] == 1 and board["me"]["score"] == score
    assert [e["score"] for e in board["entries"] if e["is_me"]] == [score]


async def test_a_tetris_game_is_replayed_tick_by_tick_to_the_same_score(
    login_as: LoginAs, db_session: AsyncSession
) -> None:
    child = await login_as(Role.student)
    started, log = await played_game(child, db_session, "tetris", moves=40)
    score = score_of("tetris", started["seed"], log)
    response = await finish(child, started["id"], log, score)
    assert response.status_code == 200, response.text
    result = response.json()
    assert result["score"] == score
    assert result["flag_reason"] is None
    assert result["stats"]["pieces"] >= 40
    assert result["stats"]["lines"] > 0
    assert result["coins"] == min(20, score // 100)


async def test_a_claimed_score_that_differs_is_flagged_and_pays_nothing(
    login_as: LoginAs, db_session: AsyncSession
) -> None:
    child = await login_as(Role.student)
    started, log = await played_game(child, db_session)
    real = score_of("2048", started["seed"], log)
    response = await finish(child, started["id"], log, 999_999)
    assert response.status_code == 200
    result = response.json()
    assert result["score"] == real  # the replay's score, never the claim
    assert result["claimed_score"] == 999_999
    assert result["flagged"] is True and result["flag_reason"] == "score_mismatch"
    assert result["coins"] == 0 and result["xp"] == 0 and result["coins_paid"] is None
    assert await ledger.balance_of(db_session, child.id) == 0
    board = (await child.get("/api/games/leaderboards/2048?period=all")).json()
    assert board["me"] is None and board["players"] == 0


async def test_a_forged_log_is_refused_and_stays_refused(
    login_as: LoginAs, db_session: AsyncSession
) -> None:
    child = await login_as(Role.student)
    started = await start(child, "tetris")
    forged = Log([(0, "L+"), (5, "L+")], 60)  # a key pressed twice without being released
    await backdate(db_session, started["id"], 10)
    response = await finish(child, started["id"], forged, 0)
    assert response.status_code == 422
    error = response.json()["error"]
    assert error["code"] == "input_log_invalid"
    assert error["details"] == {"reason": "key_already_pressed", "input": 1}

    honest = Log([(0, "HD")], 1)
    again = await finish(child, started["id"], honest, score_of("tetris", started["seed"], honest))
    assert again.status_code == 422  # a refused game cannot be corrected and sent again
    assert again.json()["error"]["code"] == "input_log_invalid"
    stored = await db_session.get(GameSession, uuid.UUID(started["id"]), populate_existing=True)
    assert stored is not None and stored.status is SessionStatus.rejected
    assert stored.rank_key is None and stored.coins == 0


@pytest.mark.parametrize(
    ("inputs", "end_tick", "reason"),
    [
        ([[5, "L"], [4, "R"]], 10, "ticks_out_of_order"),
        ([[0, "L"], [10, "R"]], 10, "tick_after_end"),
        ([[0, "LEFT"]], 10, "unknown_action"),
    ],
)
async def test_logs_that_break_the_log_rules_are_refused(
    login_as: LoginAs,
    db_session: AsyncSession,
    inputs: list[list[Any]],
    end_tick: int,
    reason: str,
) -> None:
    child = await login_as(Role.student)
    started = await start(child)
    await backdate(db_session, started["id"], 10)
    response = await child.post(
        f"{SESSIONS}/{started['id']}/finish",
        json={"inputs": inputs, "end_tick": end_tick, "claimed_score": 0},
    )
    assert response.status_code == 422
    assert response.json()["error"]["details"]["reason"] == reason


async def test_moves_after_the_game_ended_are_refused(
    login_as: LoginAs, db_session: AsyncSession
) -> None:
    child = await login_as(Role.student)
    started = await start(child)
    rng = random.Random(3)
    player = Player2048(started["seed"])
    while not player.game.over:
        player.input(rng.choice("UDLR"))
        player.tick += 10
    log = player.finish()
    extended = Log([*log.inputs, (log.end_tick, "L")], log.end_tick + 1)
    await backdate(db_session, started["id"], extended.end_tick / 60 + 5)
    response = await finish(child, started["id"], extended, 0)
    assert response.status_code == 422
    assert response.json()["error"]["details"] == {
        "reason": "input_after_game_over",
        "input": len(log.inputs),
    }


async def test_more_presses_a_second_than_a_person_makes_are_refused(
    login_as: LoginAs, db_session: AsyncSession
) -> None:
    child = await login_as(Role.student)
    started = await start(child)
    burst = Log([(tick * 3, "LR"[tick % 2]) for tick in range(20)], 60)  # 20 moves in a second
    await backdate(db_session, started["id"], 5)
    response = await finish(child, started["id"], burst, 0)
    assert response.status_code == 422
    assert response.json()["error"]["code"] == "inputs_too_fast"
    assert response.json()["error"]["details"] == {"max_presses_per_second": 15}


async def test_a_game_longer_than_the_time_since_it_started_is_refused(
    login_as: LoginAs,
) -> None:
    child = await login_as(Role.student)
    started = await start(child)
    log = play_2048(started["seed"], moves=30, rng=random.Random(2))  # about a minute of play
    response = await finish(child, started["id"], log, score_of("2048", started["seed"], log))
    assert response.status_code == 422
    error = response.json()["error"]
    assert error["code"] == "game_longer_than_session"
    assert error["details"]["game_seconds"] > error["details"]["elapsed_seconds"]


async def test_a_session_older_than_the_limit_cannot_be_finished(
    login_as: LoginAs, db_session: AsyncSession
) -> None:
    child = await login_as(Role.student)
    started = await start(child)
    await backdate(db_session, started["id"], 3 * 3600 + 60)
    response = await finish(child, started["id"], Log([(0, "L")], 30), 0)
    assert response.status_code == 409
    assert response.json()["error"]["code"] == "session_expired"


async def test_a_retried_finish_returns_the_first_result_and_pays_once(
    login_as: LoginAs, db_session: AsyncSession
) -> None:
    child = await login_as(Role.student)
    started, log = await played_game(child, db_session)
    score = score_of("2048", started["seed"], log)
    first = await finish(child, started["id"], log, score)
    again = await finish(child, started["id"], log, score)
    other = await finish(child, started["id"], Log([(0, "U")], 1), 0)  # a different log, too
    assert first.status_code == again.status_code == other.status_code == 200
    assert first.json() == again.json() == other.json()
    paid = first.json()["coins_paid"]
    assert paid > 0
    assert await ledger.balance_of(db_session, child.id) == paid  # paid once
    stats = (await child.get("/api/games/me/stats")).json()
    assert stats["coins"] == paid
    board = (await child.get("/api/games/leaderboards/2048?period=all")).json()
    assert board["players"] == 1


async def test_coins_stop_at_the_daily_cap_shared_by_every_game(
    login_as: LoginAs, db_session: AsyncSession
) -> None:
    child = await login_as(Role.student)
    # Earlier today: 145 coins from games (the cap is 150 a day for all games together), and
    # coins from tests, which have their own cap.
    await ledger.reward(
        db_session, user_id=child.id, source="games", amount=145, idempotency_key="earlier-games"
    )
    await ledger.reward(
        db_session, user_id=child.id, source="tests", amount=30, idempotency_key="earlier-tests"
    )
    started, log = await played_game(child, db_session, "tetris", moves=40)
    capped = (
        await finish(child, started["id"], log, score_of("tetris", started["seed"], log))
    ).json()
    assert capped["coins"] == 20  # what the formula grants...
    assert capped["coins_paid"] == 5  # ...and what was left of today's cap
    started, log = await played_game(child, db_session, "2048", moves=150)
    after = (await finish(child, started["id"], log, score_of("2048", started["seed"], log))).json()
    assert after["coins"] > 0 and after["coins_paid"] == 0
    assert await ledger.balance_of(db_session, child.id) == 145 + 30 + 5
    board = (await child.get("/api/games/leaderboards/2048?period=day")).json()
    assert board["me"]["score"] == after["score"]  # the cap limits coins, not the boards


async def test_a_student_cannot_see_or_finish_another_students_game(
    login_as: LoginAs, db_session: AsyncSession
) -> None:
    owner = await login_as(Role.student)
    thief = await login_as(Role.student)
    started, log = await played_game(owner, db_session)
    score = score_of("2048", started["seed"], log)
    stolen = await finish(thief, started["id"], log, score)
    assert stolen.status_code == 404
    assert stolen.json()["error"]["code"] == "session_not_found"
    assert (await thief.get(f"{SESSIONS}/{started['id']}")).status_code == 404
    assert (await owner.get(f"{SESSIONS}/{started['id']}")).json()["status"] == "active"
    mine = await finish(owner, started["id"], log, score)
    assert mine.status_code == 200 and mine.json()["score"] == score


async def test_the_seed_cannot_be_chosen_by_the_client(login_as: LoginAs) -> None:
    child = await login_as(Role.student)
    response = await child.post(SESSIONS, json={"game": "2048", "seed": "0" * 32})
    assert response.status_code == 422
    seeds = {(await start(child))["seed"] for _ in range(3)}
    assert len(seeds) == 3


async def test_adults_may_play_but_earn_nothing_and_stay_off_the_boards(
    login_as: LoginAs, db_session: AsyncSession
) -> None:
    parent = await login_as(Role.parent)
    started, log = await played_game(parent, db_session)
    assert started["ranked"] is False
    score = score_of("2048", started["seed"], log)
    result = (await finish(parent, started["id"], log, score)).json()
    assert result["score"] == score and result["coins"] == 0 and result["xp"] == 0
    assert await ledger.balance_of(db_session, parent.id) == 0
    board = (await parent.get("/api/games/leaderboards/2048")).json()
    assert board["players"] == 0


async def test_scripted_timing_is_flagged(login_as: LoginAs, db_session: AsyncSession) -> None:
    child = await login_as(Role.student)
    started = await start(child)
    player = Player2048(started["seed"])
    rng = random.Random(4)
    while len(player.inputs) < 150 and not player.game.over:
        player.input(rng.choice("DL" if rng.random() < 0.9 else "RU"))
        player.tick += 12  # a move exactly every 200 ms, every time
    log = player.finish()
    await backdate(db_session, started["id"], log.end_tick / 60 + 5)
    result = (
        await finish(child, started["id"], log, score_of("2048", started["seed"], log))
    ).json()
    assert result["flag_reason"] == "robotic_timing"
    assert result["coins"] == 0


async def test_a_very_short_game_earns_nothing(login_as: LoginAs, db_session: AsyncSession) -> None:
    child = await login_as(Role.student)
    started = await start(child)
    log = play_2048(started["seed"], moves=5, rng=random.Random(5))
    await backdate(db_session, started["id"], 60)
    result = (
        await finish(child, started["id"], log, score_of("2048", started["seed"], log))
    ).json()
    assert result["status"] == "finished" and result["flagged"] is False
    assert result["coins"] == 0 and result["xp"] == 0


async def test_starting_games_is_rate_limited(login_as: LoginAs) -> None:
    child = await login_as(Role.student)
    for _ in range(60):
        await start(child)
    response = await child.post(SESSIONS, json={"game": "tetris"})
    assert response.status_code == 429
    assert response.json()["error"]["code"] == "too_many_games_started"


async def test_playing_needs_a_login(client: AsyncClient) -> None:
    response = await client.post(SESSIONS, json={"game": "2048"})
    assert response.status_code == 401


async def test_the_rules_are_public(client: AsyncClient) -> None:
    rules = (await client.get("/api/games/rules")).json()
    assert rules["ticks_per_second"] == 60
    assert rules["coins_daily_cap"] == 150
    by_game = {g["game"]: g for g in rules["games"]}
    assert by_game["2048"]["coins_per_points"] == 400
    assert by_game["tetris"]["coins_per_points"] == 100
    assert by_game["tetris"]["max_coins_per_game"] == 20
