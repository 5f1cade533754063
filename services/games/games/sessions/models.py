import uuid
from datetime import datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import BigInteger, ForeignKey, Index, LargeBinary, SmallInteger, String
from sqlalchemy.orm import Mapped, mapped_column

from alif.db import Base, UUIDPrimaryKey, enum_type
from games.engines.replay import GameKind


class SessionStatus(StrEnum):
    active = "active"  # started, waiting for its input log
    finished = "finished"  # replayed; its score is the replay's
    rejected = "rejected"  # its log broke a rule; it can never be finished


class GameSession(UUIDPrimaryKey, Base):
    """One game: the seed the server chose, then the log the client sent and what replaying it
    gave. Written only by the games service."""

    __tablename__ = "games_session"
    __table_args__ = (
        Index("ix_games_session_history", "user_id", "game", "started_at"),
        Index("ix_games_session_board", "game", "finished_at", "rank_key"),
    )

    user_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("user_account.id", ondelete="CASCADE"))
    game: Mapped[GameKind] = mapped_column(enum_type(GameKind, 10))
    engine_version: Mapped[int] = mapped_column(SmallInteger)
    seed: Mapped[str] = mapped_column(String(32))
    # Students play for coins and leaderboards; other roles' games are verified but not ranked.
    ranked: Mapped[bool]
    status: Mapped[SessionStatus] = mapped_column(
        enum_type(SessionStatus), default=SessionStatus.active
    )
    started_at: Mapped[datetime]
    expires_at: Mapped[datetime]
    finished_at: Mapped[datetime | None]

    end_tick: Mapped[int | None]
    input_count: Mapped[int | None]
    input_log: Mapped[bytes | None] = mapped_column(LargeBinary)  # zlib of the JSON log, for audit
    claimed_score: Mapped[int | None] = mapped_column(BigInteger)
    score: Mapped[int | None] = mapped_column(BigInteger)
    over: Mapped[bool | None]  # the rules ended it (top-out, no moves) rather than the player
    stats: Mapped[dict[str, Any]] = mapped_column(default=dict)
    flag_reason: Mapped[str | None] = mapped_column(String(40))
    rejection: Mapped[str | None] = mapped_column(String(40))

    coins: Mapped[int] = mapped_column(default=0)  # what the formula grants, before the daily cap
    # What the coins ledger credited (the daily cap may cut it, to 0); None when nothing was due.
    coins_paid: Mapped[int | None]
    coin_transaction_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("coin_transaction.id"))
    xp: Mapped[int] = mapped_column(default=0)
    # Orders leaderboards on both backends: score, then who reached it first
    # (`leaderboards.periods.rank_key`).
    rank_key: Mapped[int | None] = mapped_column(BigInteger)
