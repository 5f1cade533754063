"""Settings shared by every service.

Each service subclasses `CommonSettings` once and builds one instance per process. Values come from
the environment (and `.env` in development); nothing else in the code base reads `os.environ`.
"""

from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any, ClassVar, Self

from pydantic import Field, ValidationInfo, field_validator, model_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

PLACEHOLDER_MARKERS = ("changeme", "change-me", "change_me", "changethis", "placeholder", "xxx")


# Coins a user may earn per source per day unless COIN_DAILY_CAPS says otherwise. A source that is
# not listed has no cap: list every source that rewards activity a child can repeat.
DEFAULT_COIN_DAILY_CAPS: dict[str, int] = {
    "games": 150,
    "tests": 200,
    "lessons": 200,
    "harf": 100,
    "olympiads": 500,
}


class Environment(StrEnum):
    development = "development"
    test = "test"
    production = "production"


def is_placeholder(value: str | None) -> bool:
    """True for an empty secret or one copied unchanged from `.env.example`."""
    if value is None or not value.strip():
        return True
    lowered = value.strip().lower()
    return lowered in {"secret", "password"} or any(m in lowered for m in PLACEHOLDER_MARKERS)


class CommonSettings(BaseSettings):
    # An empty variable (`LOG_JSON=` as .env.example has it) means "not set": the default applies,
    # so a copied .env.example never makes a setting invalid.
    model_config = SettingsConfigDict(
        env_file=".env", env_ignore_empty=True, extra="ignore", frozen=True
    )

    service_name: ClassVar[str] = "alif"  # each service's subclass names itself
    environment: Environment = Environment.development
    data_dir: Path = Path(".data")

    database_url: str = Field(default="", validate_default=True)
    database_pool_size: int = 4
    database_max_overflow: int = 4
    # A `SELECT 1` before every checkout costs a round trip per request; without it a connection
    # the server dropped fails one request, and SQLAlchemy then replaces the pool's connections.
    # Worth it only where idle connections are cut silently (docs/operations.md).
    database_pool_pre_ping: bool = False
    # Through PgBouncer in transaction mode a statement prepared on one server connection is
    # unknown on the next: asyncpg's statement cache is then turned off (docs/operations.md §7).
    database_behind_pgbouncer: bool = False
    # uvicorn worker processes per container (tools/catalog.py serve); each has its own pool,
    # so the database sees web_concurrency × (pool size + overflow) connections per replica.
    web_concurrency: int = Field(default=1, ge=1)
    database_echo: bool = False

    redis_url: str | None = None
    cache_prefix: str = "alif"

    jwt_issuer: str = "https://alif24.uz"
    jwt_audience: str = "alif24"
    jwt_public_keys: str = Field(
        default="",
        description="PEM public keys (one or more) that may sign access tokens; "
        "in development the key pair in DATA_DIR/keys is used when empty.",
    )

    cookie_domain: str | None = None
    cookie_secure: bool = True

    log_level: str = "INFO"
    log_json: bool | None = None
    sentry_dsn: str | None = None
    sentry_traces_sample_rate: float = 0.0
    release: str = "dev"

    # Coins: the most a user can earn from one source in one day (Tashkent time). Every service
    # reads the same values, so a cap is changed in one place (COIN_DAILY_CAPS, a JSON object).
    coin_daily_caps: dict[str, int] = Field(default_factory=lambda: dict(DEFAULT_COIN_DAILY_CAPS))
    # Subscription features everyone has, whatever their plan (FREE_FEATURES=olimp,harf_audio):
    # lets operators open a paid feature to everyone without a release.
    free_features: Annotated[frozenset[str], NoDecode] = Field(default_factory=frozenset)

    @field_validator("free_features", mode="before")
    @classmethod
    def _split_features(cls, value: Any) -> Any:
        if isinstance(value, str):
            return frozenset(f.strip() for f in value.split(",") if f.strip())
        return value

    @field_validator("coin_daily_caps", mode="after")
    @classmethod
    def _caps_are_not_negative(cls, value: dict[str, int]) -> dict[str, int]:
        if any(cap < 0 for cap in value.values()):
            raise ValueError("COIN_DAILY_CAPS values must be 0 or more")
        return value

    @field_validator("database_url", mode="after")
    @classmethod
    def _default_to_embedded_sqlite(cls, value: str, info: ValidationInfo) -> str:
        return value or f"sqlite+aiosqlite:///{info.data['data_dir'] / 'alif24.db'}"

    @model_validator(mode="after")
    def _check_secrets_when_deployed(self) -> Self:
        if self.is_deployed and (problems := self.deployment_problems()):
            raise ValueError("unsafe production settings: " + "; ".join(problems))
        return self

    @property
    def is_deployed(self) -> bool:
        return self.environment is Environment.production

    @property
    def is_sqlite(self) -> bool:
        return self.database_url.startswith("sqlite")

    def coin_daily_cap(self, source: str) -> int | None:
        """The daily cap for a coin source, for `alif.ledger.reward(..., daily_cap=...)`."""
        return self.coin_daily_caps.get(source)

    @property
    def json_logs(self) -> bool:
        return self.log_json if self.log_json is not None else self.is_deployed

    def deployment_problems(self) -> list[str]:
        """What makes these settings unsafe for production (a missing or placeholder secret...).

        Subclasses add their own secrets to `super().deployment_problems()`.
        """
        problems = []
        if not self.jwt_public_keys.strip():
            problems.append("JWT_PUBLIC_KEYS is empty")
        if self.is_sqlite:
            problems.append("DATABASE_URL points at SQLite; production runs PostgreSQL")
        if not self.cookie_secure:
            problems.append("COOKIE_SECURE is off")
        return problems
