"""Live games: joining, answering on the server's clock, Kahoot's scoring and its toggles, the
host's powers, reconnecting, two workers over one cache, and the results saved at the end."""

import asyncio
import json
import uuid
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import pytest
from asgi_lifespan import LifespanManager
from fastapi import FastAPI
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession
from websockets.asyncio.client import ClientConnection, connect
from websockets.exceptions import ConnectionClosed

from alif.auth import Role, TokenUser
from alif.ledger import balance_of
from alif.testing import Actor, LoginAs, serve_here
from testai.app import create_testai_app
from testai.attempts.models import Attempt, AttemptStatus
from testai.attempts.service import Policy
from testai.config import TestaiSettings
from testai.live.exceptions import (
    NicknameNotAllowed,
    NicknamesNotAllowed,
    NicknameTaken,
    NotGameHost,
    PlayerRemoved,
)
from testai.live.hub import Hub
from testai.live.models import LivePlayer
from testai.live.names import is_rude
from testai.live.schemas import AnswerMessage
from testai.live.service import LiveGames, Phase
from testai.testing import API, published_test, single


@dataclass
class Clock:
    now: float = 1_000_000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def games(started_app: FastAPI) -> Iterator[LiveGames]:
    live: LiveGames = started_app.state.live
    real = live.clock
    yield live
    live.clock = real  # a test's own clock never leaks into the next


@pytest.fixture
def clock(games: LiveGames) -> Clock:
    clock = Clock()
    games.clock = clock
    return clock


def three_questions() -> list[dict[str, Any]]:
    return [
        single("2 + 2 = ?", ["3", "4", "5", "6"], 1),
        single("3 + 3 = ?", ["6", "7", "8", "9"], 0),
        single("5 − 1 = ?", ["2", "3", "4", "5"], 2),
    ]


async def host_game(teacher: Actor, **options: Any) -> dict[str, Any]:
    test = await published_test(teacher, three_questions())
    created = await teacher.post(f"{API}/tests/{test['id']}/live", json=options)
    assert created.status_code == 201, created.text
    game: dict[str, Any] = created.json()
    game["test"] = test
    return game


def choice(game: dict[str, Any], index: int, right: bool) -> list[str]:
    """A right (or wrong) option of the game's question `index`, by the teacher's key."""
    question = game["test"]["questions"][index]
    return [next(o["id"] for o in question["options"] if o["correct"] is right)]


def user_of(actor: Actor) -> TokenUser:
    return TokenUser(
        id=actor.id,
        role=actor.user.role,
        status=actor.user.status,
        session_id=actor.id,
        token_id="t",
        expires_at=datetime.now(UTC),
    )


async def answer(
    games: LiveGames, game: dict[str, Any], player_id: str, index: int, right: bool
) -> Any:
    message = AnswerMessage(type="answer", index=index, choice=choice(game, index, right))
    return await games.answer(game["code"], player_id, message)


async def close(games: LiveGames, code: str, index: int) -> None:
    """Close the question (unless everyone answered and it is closing already) and wait."""
    await games.close_question(code, index)
    await games.idle()
    state = await games.state(code)
    assert (state.phase, state.index) == (Phase.reveal, index)


async def score_of(games: LiveGames, code: str, player_id: str) -> int:
    return (await games.totals(code))[player_id].score


# --- the rules, on an injected clock ------------------------------------------------------


async def test_a_right_answer_earns_more_the_faster_it_comes(
    login_as: LoginAs, games: LiveGames, clock: Clock
) -> None:
    teacher = await login_as(Role.teacher)
    game = await host_game(teacher, seconds_per_question=20, streaks=False)
    code = game["code"]
    quick, slow, wrong = [await login_as(Role.student) for _ in range(3)]
    for student in (quick, slow, wrong):
        await games.join_account(code, user_of(student), "Bola")
    await games.command(code, user_of(teacher), "start")
    clock.now += 2
    assert (await answer(games, game, str(quick.id), 0, right=True)).accepted
    clock.now += 8  # 10 of 20 seconds gone
    assert (await answer(games, game, str(slow.id), 0, right=True)).accepted
    assert (await answer(games, game, str(wrong.id), 0, right=False)).accepted
    await close(games, code, 0)
    # Kahoot: 1000 × (1 − (time / limit) / 2).
    assert await score_of(games, code, str(quick.id)) == 950
    assert await score_of(games, code, str(slow.id)) == 750
    assert await score_of(games, code, str(wrong.id)) == 0
    assert (await games.state(code)).phase is Phase.reveal


async def test_streaks_add_a_bonus_and_a_wrong_answer_ends_the_streak(
    login_as: LoginAs, games: LiveGames, clock: Clock
) -> None:
    teacher = await login_as(Role.teacher)
    game = await host_game(teacher, speed_bonus=False, nicknames_allowed=True)
    code = game["code"]
    steady = (await games.join_nickname(code, "Steady")).player.id
    broken = (await games.join_nickname(code, "Broken")).player.id
    host = user_of(teacher)
    gained: dict[str, list[int]] = {steady: [], broken: []}
    for index, broken_right in enumerate([True, False, True]):
        await games.command(code, host, "start" if index == 0 else "next")
        clock.now += 15  # the speed bonus is off: a late answer is worth as much
        await answer(games, game, steady, index, right=True)
        await answer(games, game, broken, index, right=broken_right)
        before = {p: await score_of(games, code, p) if index else 0 for p in gained}
        await close(games, code, index)
        for player in gained:
            gained[player].append(await score_of(games, code, player) - before[player])
    assert gained[steady] == [1000, 1100, 1200]
    assert gained[broken] == [1000, 0, 1000]


async def test_without_streaks_every_right_answer_is_worth_the_same(
    login_as: LoginAs, games: LiveGames, clock: Clock
) -> None:
    teacher = await login_as(Role.teacher)
    game = await host_game(teacher, speed_bonus=False, streaks=False, nicknames_allowed=True)
    code = game["code"]
    player = (await games.join_nickname(code, "Laylo")).player.id
    for index in range(3):
        await games.command(code, user_of(teacher), "start" if index == 0 else "next")
        await answer(games, game, player, index, right=True)
        await close(games, code, index)
    assert await score_of(games, code, player) == 3000


async def test_an_answer_after_the_close_is_refused_and_a_second_is_ignored(
    login_as: LoginAs, games: LiveGames, clock: Clock
) -> None:
    teacher = await login_as(Role.teacher)
    game = await host_game(teacher, seconds_per_question=10, nicknames_allowed=True)
    code = game["code"]
    first = (await games.join_nickname(code, "Ali")).player.id
    late = (await games.join_nickname(code, "Vali")).player.id
    await games.command(code, user_of(teacher), "start")
    clock.now += 1
    assert (await answer(games, game, first, 0, right=False)).accepted
    again = await answer(games, game, first, 0, right=True)
    assert (again.accepted, again.reason) == (False, "already_answered")
    clock.now += 9.6  # past the close and its half-second grace, whatever the phone's clock says
    refused = await answer(games, game, late, 0, right=True)
    assert (refused.accepted, refused.reason) == (False, "question_closed")
    assert await games.close_question(code, 0)
    assert not await games.close_question(code, 0)  # a second timer closes nothing
    totals = await games.totals(code)
    assert totals[first].score == 0  # the first (wrong) answer stood
    assert totals[late].score == 0


async def test_every_accepted_answer_is_scored_even_as_the_question_closes(
    login_as: LoginAs, games: LiveGames, clock: Clock
) -> None:
    teacher = await login_as(Role.teacher)
    game = await host_game(teacher, nicknames_allowed=True)
    code = game["code"]
    players = [(await games.join_nickname(code, f"Bola {n}")).player.id for n in range(30)]
    await games.command(code, user_of(teacher), "start")
    clock.now += 5
    # The close and the class's answers at the same moment, interleaved at every await.
    outcomes = await asyncio.gather(
        *(answer(games, game, p, 0, right=True) for p in players[:15]),
        games.close_question(code, 0),
        *(answer(games, game, p, 0, right=True) for p in players[15:]),
    )
    await games.idle()
    accepted = {
        p for p, o in zip(players, outcomes[:15] + outcomes[16:], strict=True) if o.accepted
    }
    totals = await games.totals(code)
    assert {p for p in players if totals[p].score > 0} == accepted
    assert accepted  # the answers that came before the close were taken


async def test_a_paused_question_keeps_its_time_and_takes_no_answers(
    login_as: LoginAs, games: LiveGames, clock: Clock
) -> None:
    teacher = await login_as(Role.teacher)
    game = await host_game(teacher, seconds_per_question=20, nicknames_allowed=True)
    code = game["code"]
    player = (await games.join_nickname(code, "Ali")).player.id
    host = user_of(teacher)
    await games.command(code, host, "start")
    clock.now += 4
    await games.command(code, host, "pause")
    clock.now += 100
    assert (await answer(games, game, player, 0, right=True)).reason == "game_paused"
    await games.command(code, host, "resume")
    assert (await games.state(code)).closes_at == clock.now + 16
    clock.now += 6  # 10 of 20 seconds have run, the pause not counted
    assert (await answer(games, game, player, 0, right=True)).accepted
    await close(games, code, 0)
    assert await score_of(games, code, player) == 750


async def test_only_the_host_commands_the_game(
    login_as: LoginAs, games: LiveGames, clock: Clock
) -> None:
    teacher = await login_as(Role.teacher)
    game = await host_game(teacher, nicknames_allowed=True)
    player = (await games.join_nickname(game["code"], "Ali")).player.id
    colleague = await login_as(Role.teacher)
    for command in ("start", "end"):
        with pytest.raises(NotGameHost):
            await games.command(game["code"], user_of(colleague), command)
    with pytest.raises(NotGameHost):
        await games.remove(game["code"], user_of(colleague), player)
    assert (await games.state(game["code"])).phase is Phase.lobby


async def test_a_removed_player_cannot_answer_or_come_back(
    login_as: LoginAs, games: LiveGames, clock: Clock
) -> None:
    teacher = await login_as(Role.teacher)
    game = await host_game(teacher, nicknames_allowed=True)
    code = game["code"]
    joined = await games.join_nickname(code, "Ali")
    await games.remove(code, user_of(teacher), joined.player.id)
    assert joined.player.id not in await games.players(code)
    with pytest.raises(PlayerRemoved):
        await games.resume(code, joined.resume or "")
    await games.command(code, user_of(teacher), "start")
    assert (await answer(games, game, joined.player.id, 0, right=True)).accepted is False


async def test_nicknames_are_filtered_and_unique(
    login_as: LoginAs, games: LiveGames, clock: Clock
) -> None:
    teacher = await login_as(Role.teacher)
    closed = await host_game(teacher)
    with pytest.raises(NicknamesNotAllowed):
        await games.join_nickname(closed["code"], "Ali")
    game = await host_game(teacher, nicknames_allowed=True)
    for rude in ("СУКА", "s.u.k.a", "b1tch", "Dalbayob", "qoʻtoq", "Блядь", "F u c k"):
        with pytest.raises(NicknameNotAllowed):
            await games.join_nickname(game["code"], rude)
    await games.join_nickname(game["code"], "Nazira")
    with pytest.raises(NicknameTaken):
        await games.join_nickname(game["code"], "  nazira ")
    for name in ("Kamola", "Amanda", "Otabek", "Shahzoda", "Sukhrob", "Xoʻjayev", "Grapes"):
        assert not is_rude(name), name


# --- the end: results saved like attempts -------------------------------------------------


async def test_the_results_are_saved_and_the_teacher_sees_them(
    login_as: LoginAs, games: LiveGames, clock: Clock, db_session: AsyncSession
) -> None:
    teacher = await login_as(Role.teacher)
    game = await host_game(teacher, nicknames_allowed=True)
    code = game["code"]
    good, weak = await login_as(Role.student), await login_as(Role.student)
    await games.join_account(code, user_of(good), "Ali V.")
    await games.join_account(code, user_of(weak), "Vali A.")
    guest = (await games.join_nickname(code, "Mehmon")).player.id
    host = user_of(teacher)
    for index in range(3):
        await games.command(code, host, "start" if index == 0 else "next")
        await answer(games, game, str(good.id), index, right=True)
        await answer(games, game, str(weak.id), index, right=index == 0)
        await answer(games, game, guest, index, right=True)
        await close(games, code, index)
    await games.command(code, host, "next")  # after the last question: the podium
    assert (await games.state(code)).phase is Phase.podium

    results = (await teacher.get(f"{API}/tests/{game['test']['id']}/live/{game['id']}")).json()
    assert [(row["name"], row["correct"]) for row in results["standings"]] == [
        ("Ali V.", 3),
        ("Mehmon", 3),
        ("Vali A.", 1),
    ]
    assert results["game"]["ended_at"] is not None
    attempts = {
        a.student_id: a
        for a in await db_session.scalars(
            select(Attempt).where(Attempt.test_id == uuid.UUID(game["test"]["id"]))
        )
    }
    assert set(attempts) == {good.id, weak.id}  # a nickname has no account to hold an attempt
    assert attempts[good.id].status is AttemptStatus.finished
    assert attempts[good.id].percent == 100.0
    report = (await teacher.get(f"{API}/tests/{game['test']['id']}/results")).json()
    assert len(report["students"]) == 2
    # Coins as the test's rule says: the pass pays, a fail does not.
    assert await balance_of(db_session, good.id) == 20
    assert await balance_of(db_session, weak.id) == 0
    saved = await db_session.scalars(select(LivePlayer).where(LivePlayer.user_id == good.id))
    assert saved.one().attempt_id == attempts[good.id].id


async def test_a_draft_cannot_be_hosted_and_a_stranger_cannot_host(login_as: LoginAs) -> None:
    teacher = await login_as(Role.teacher)
    draft = (await teacher.post(f"{API}/tests", json={"title": "Qoralama"})).json()
    refused = await teacher.post(f"{API}/tests/{draft['id']}/live", json={})
    assert refused.json()["error"]["code"] == "test_not_published"
    test = await published_test(teacher, three_questions())
    stranger = await login_as(Role.teacher)
    hidden = await stranger.post(f"{API}/tests/{test['id']}/live", json={})
    assert hidden.status_code == 404
    student = await login_as(Role.student)
    assert (await student.post(f"{API}/tests/{test['id']}/live", json={})).status_code == 403


# --- over the socket ------------------------------------------------------------------------


async def next_of(socket: ClientConnection, kind: str) -> dict[str, Any]:
    """The next message of this type (others, such as lobby updates, are skipped)."""
    async with asyncio.timeout(10):
        while True:
            message: dict[str, Any] = json.loads(await socket.recv())
            if message["type"] == kind:
                return message


async def hello(socket: ClientConnection, code: str, **fields: Any) -> None:
    await socket.send(json.dumps({"type": "hello", "v": 1, "code": code, **fields}))


@pytest.fixture
async def served(started_app: FastAPI, games: LiveGames) -> AsyncIterator[str]:
    async with serve_here(started_app) as url:
        yield url.replace("http", "ws") + "/api/testai/ws/live"


async def test_a_player_who_reconnects_keeps_the_score_and_sees_the_question(
    login_as: LoginAs, served: str
) -> None:
    teacher = await login_as(Role.teacher)
    game = await host_game(teacher, nicknames_allowed=True, seconds_per_question=60)
    code = game["code"]
    async with connect(served) as host, connect(served) as phone, connect(served) as other:
        await hello(host, code, role="host", token=teacher.token)
        await hello(phone, code, role="player", nickname="Laylo")
        await hello(other, code, role="player", nickname="Sardor")
        welcome = await next_of(phone, "welcome")
        assert welcome["resume"]
        await next_of(other, "welcome")
        await host.send(json.dumps({"type": "start"}))
        await next_of(phone, "question")
        await phone.send(
            json.dumps({"type": "answer", "index": 0, "choice": choice(game, 0, True)})
        )
        assert (await next_of(phone, "answered"))["accepted"]
        await other.send(
            json.dumps({"type": "answer", "index": 0, "choice": choice(game, 0, True)})
        )
        revealed = await next_of(phone, "reveal")  # everyone answered: no waiting for the clock
        score = revealed["you"]["score"]
        assert score > 900
        await host.send(json.dumps({"type": "next"}))
        await next_of(other, "question")
        await phone.close()
        async with connect(served) as back:
            await hello(back, code, role="player", resume=welcome["resume"])
            again = await next_of(back, "welcome")
            assert (again["player_id"], again["score"]) == (welcome["player_id"], score)
            question = await next_of(back, "question")
            assert (question["question"]["index"], question["answered"]) == (1, False)
            assert 0 < question["timer"]["remaining_ms"] <= 60_000


async def test_a_player_cannot_command_and_a_colleague_cannot_host(
    login_as: LoginAs, served: str
) -> None:
    teacher = await login_as(Role.teacher)
    game = await host_game(teacher, nicknames_allowed=True)
    colleague = await login_as(Role.teacher)
    async with connect(served) as phone:
        await hello(phone, game["code"], role="player", nickname="Ali")
        await next_of(phone, "welcome")
        await phone.send(json.dumps({"type": "start"}))
        assert (await next_of(phone, "error"))["code"] == "not_game_host"
    for fields in ({"token": colleague.token}, {}, {"token": "forged"}):
        async with connect(served) as intruder:
            await hello(intruder, game["code"], role="host", **fields)
            with pytest.raises(ConnectionClosed) as closed:
                await next_of(intruder, "welcome")
            assert closed.value.rcvd is not None and closed.value.rcvd.code == 1008
    async with connect(served) as lost:
        await hello(lost, "000000" if game["code"] != "000000" else "000001", role="player")
        assert (await next_of(lost, "error"))["code"] == "game_not_found"


@pytest.fixture
async def second_worker(
    started_app: FastAPI, settings_values: dict[str, Any]
) -> AsyncIterator[FastAPI]:
    """Another app over the same cache: Redis when REDIS_URL is set (as two uvicorn workers or
    two replicas), otherwise the one in-process cache both apps are given."""
    other = create_testai_app(TestaiSettings(**settings_values))
    async with LifespanManager(other):
        if not settings_values["redis_url"]:
            other.state.cache = started_app.state.cache
            other.state.live = LiveGames(
                started_app.state.cache, other.state.db, Policy.of(other.state.settings)
            )
            other.state.live_hub = Hub(other.state.live)
        yield other


async def test_two_workers_serve_one_game(
    login_as: LoginAs, served: str, second_worker: FastAPI
) -> None:
    teacher = await login_as(Role.teacher)
    game = await host_game(teacher, nicknames_allowed=True, seconds_per_question=60)
    code = game["code"]
    async with serve_here(second_worker) as url:
        elsewhere = url.replace("http", "ws") + "/api/testai/ws/live"
        async with (
            connect(served) as host,
            connect(served) as here,
            connect(elsewhere) as there,
        ):
            await hello(host, code, role="host", token=teacher.token)
            await hello(here, code, role="player", nickname="Ali")
            await hello(there, code, role="player", nickname="Vali")
            await next_of(there, "welcome")
            lobby = await next_of(host, "lobby")
            while len(lobby["players"]) < 2:
                lobby = await next_of(host, "lobby")
            assert sorted(p["name"] for p in lobby["players"]) == ["Ali", "Vali"]
            await host.send(json.dumps({"type": "start"}))
            assert (await next_of(there, "question"))["question"]["index"] == 0
            await next_of(here, "question")
            wrong = choice(game, 0, False)
            await there.send(json.dumps({"type": "answer", "index": 0, "choice": wrong}))
            assert (await next_of(there, "answered"))["accepted"]
            count = await next_of(host, "answer_count")
            assert (count["answered"], count["players"]) == (1, 2)
            await here.send(
                json.dumps({"type": "answer", "index": 0, "choice": choice(game, 0, True)})
            )
            # The same answer sent to the other worker too: still one answer.
            await there.send(json.dumps({"type": "answer", "index": 0, "choice": wrong}))
            assert (await next_of(there, "answered"))["reason"] in (
                "already_answered",
                "question_closed",
            )
            seen_here, seen_there, seen_host = (
                await next_of(here, "reveal"),
                await next_of(there, "reveal"),
                await next_of(host, "reveal"),
            )
            assert seen_here["you"]["rank"] == 1 and seen_there["you"]["rank"] == 2
            assert [r["name"] for r in seen_host["top"]] == ["Ali", "Vali"]
            bars = {b["key"]: b["count"] for b in seen_host["bars"]}
            assert sum(bars.values()) == 2
