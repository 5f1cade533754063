"""The games service's own objects on `app.state`, as typed dependencies."""

from typing import Annotated

from fastapi import Depends, Request

from alif.dependencies import settings_of
from games.config import GamesSettings
from games.leaderboards.boards import Boards
from games.sessions.replayer import Replayer

get_settings = settings_of(GamesSettings)


def get_replayer(request: Request) -> Replayer:
    replayer: Replayer = request.app.state.replayer
    return replayer


def get_boards(request: Request) -> Boards:
    boards: Boards = request.app.state.boards
    return boards


SettingsDep = Annotated[GamesSettings, Depends(get_settings)]
ReplayerDep = Annotated[Replayer, Depends(get_replayer)]
BoardsDep = Annotated[Boards, Depends(get_boards)]
