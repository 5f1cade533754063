"""The published rules, open to anyone: a parent can read how coins are earned before signing in,
and a client reads the limits it must stay within."""

from fastapi import APIRouter

from games.dependencies import SettingsDep
from games.engines.replay import ACTIONS_OF, ENGINE_VERSION, GameKind
from games.engines.tetris import TICKS_PER_SECOND
from games.sessions import rules, service
from games.sessions.schemas import GameRules, RulesRead

router = APIRouter(tags=["rules"])


@router.get("/rules", summary="How games are checked and what they earn (public)")
async def get_rules(settings: SettingsDep) -> RulesRead:
    return RulesRead(
        engine_version=ENGINE_VERSION,
        ticks_per_second=TICKS_PER_SECOND,
        max_inputs=rules.MAX_INPUTS,
        max_game_minutes=settings.games_session_max_age_minutes,
        coins_daily_cap=settings.coin_daily_cap(service.COIN_SOURCE),
        games=[
            GameRules(
                game=game,
                actions=sorted(ACTIONS_OF[game]),
                max_presses_per_second=rules.PRESSES_PER_SECOND[game],
                coins_per_points=rules.COIN_DIVISOR[game],
                max_coins_per_game=rules.MAX_COINS,
                max_xp_per_game=rules.MAX_XP,
                minimum_play=f"{rules.MINIMUM_PLAY[game][1]} {rules.MINIMUM_PLAY[game][0]}",
            )
            for game in GameKind
        ],
    )
