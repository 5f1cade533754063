"""What stays of a live game once it is over: the game and each player's final standing.

A running game lives in the cache (every worker serving it reads and writes it there); the
database keeps who hosted what and, at the end, the podium. A signed-in student's answers are
also saved as a finished attempt of the test, so the teacher's results include the game.
"""

import uuid
from datetime import datetime

from sqlalchemy import ForeignKey, SmallInteger, String
from sqlalchemy.orm import Mapped, mapped_column

from alif.db import Base, UUIDPrimaryKey, utcnow


class LiveGame(UUIDPrimaryKey, Base):
    __tablename__ = "testai_live_game"

    test_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("testai_test.id", ondelete="CASCADE"), index=True
    )
    host_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("user_account.id", ondelete="CASCADE"), index=True
    )
    # Six digits, unique only among running games (the cache reserves it while the game runs).
    code: Mapped[str] = mapped_column(String(6))
    nicknames_allowed: Mapped[bool] = mapped_column(default=False)
    speed_bonus: Mapped[bool] = mapped_column(default=True)
    streaks: Mapped[bool] = mapped_column(default=True)
    seconds_per_question: Mapped[int] = mapped_column(SmallInteger, default=20)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    ended_at: Mapped[datetime | None]
    player_count: Mapped[int] = mapped_column(default=0)


class LivePlayer(UUIDPrimaryKey, Base):
    """A player's final standing; `user_id` is empty for a nickname player."""

    __tablename__ = "testai_live_player"

    game_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("testai_live_game.id", ondelete="CASCADE"), index=True
    )
    user_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("user_account.id", ondelete="SET NULL"), index=True
    )
    name: Mapped[str] = mapped_column(String(80))
    rank: Mapped[int]
    score: Mapped[int]
    correct: Mapped[int] = mapped_column(SmallInteger, default=0)
    attempt_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("testai_attempt.id", ondelete="SET NULL")
    )
