import uuid
from typing import Annotated
from zoneinfo import ZoneInfo

from fastapi import APIRouter, Query

from alif.auth import CurrentUser
from alif.db import ReadSessionDep, SessionDep, utcnow
from alif.errors import error_responses
from alif.kernel import queries
from games.dependencies import BoardsDep, SettingsDep
from games.engines.replay import GameKind
from games.leaderboards import service
from games.leaderboards.exceptions import OneScopeOnly
from games.leaderboards.periods import Period, reached_at_of, score_of, window
from games.leaderboards.schemas import BoardRead, EntryRead, MyPlace, ScopeKind, ScopeRead

router = APIRouter(prefix="/leaderboards", tags=["leaderboards"])


@router.get("/scopes", summary="The boards I can open: the platform's, my classes', my schools'")
async def list_scopes(user: CurrentUser, db: SessionDep) -> list[ScopeRead]:
    return await service.scopes_of(db, user)


@router.get(
    "/{game}",
    responses=error_responses(400, 404),
    summary="Top players and my place: today, this week or all time; all, a class or a school",
)
async def get_board(
    game: GameKind,
    user: CurrentUser,
    db: ReadSessionDep,
    boards: BoardsDep,
    settings: SettingsDep,
    period: Period = Period.week,
    limit: Annotated[int, Query(ge=1, le=100)] = 10,
    group_id: uuid.UUID | None = None,
    organization_id: uuid.UUID | None = None,
) -> BoardRead:
    if group_id and organization_id:
        raise OneScopeOnly()
    scope: ScopeKind = "global"
    members = None
    if group_id:
        scope, members = "group", await service.group_members(db, user, group_id)
    elif organization_id:
        scope = "organization"
        members = await service.organization_members(db, user, organization_id)
    board = window(period, utcnow(), ZoneInfo(settings.games_timezone))
    standings = await boards.standings(db, game, board, limit=limit, me=user.id, members=members)
    names = await queries.display_names(db, [e.user_id for e in standings.top])
    me = None
    if standings.me is not None:
        rank, entry = standings.me
        me = MyPlace(rank=rank, score=score_of(entry.key), reached_at=reached_at_of(entry.key))
    return BoardRead(
        game=game,
        period=period,
        scope=scope,
        scope_id=group_id or organization_id,
        starts_at=board.start,
        ends_at=board.end,
        entries=[
            EntryRead(
                rank=position,
                name=names.get(entry.user_id, ""),
                score=score_of(entry.key),
                reached_at=reached_at_of(entry.key),
                is_me=entry.user_id == user.id,
            )
            for position, entry in enumerate(standings.top, start=1)
        ],
        me=me,
        players=standings.total,
    )
