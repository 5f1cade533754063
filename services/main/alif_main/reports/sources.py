"""What the weekly report reads from the other services' tables, declared by name only.

main does not import testai or games (each service is its own package and image), so it reads
their tables through these column lists, in a metadata of their own that alembic never sees.
A service built later (harf: letters, lessons: minutes and lessons, olimp: results) adds its
table here and a section in `service.py`.
"""

from sqlalchemy import Column, Float, MetaData, String, Table, Uuid

from alif.db import UTCDateTime

metadata = MetaData()

attempts = Table(
    "testai_attempt",
    metadata,
    Column("id", Uuid, primary_key=True),
    Column("test_id", Uuid),
    Column("student_id", Uuid),
    Column("status", String(20)),
    Column("submitted_at", UTCDateTime),
    Column("score", Float),
    Column("max_score", Float),
)
tests = Table(
    "testai_test",
    metadata,
    Column("id", Uuid, primary_key=True),
    Column("title", String(200)),
)
game_sessions = Table(
    "games_session",
    metadata,
    Column("id", Uuid, primary_key=True),
    Column("user_id", Uuid),
    Column("game", String(10)),
    Column("status", String(20)),
    Column("finished_at", UTCDateTime),
)
