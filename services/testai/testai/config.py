from typing import ClassVar

from pydantic import Field

from alif.config import CommonSettings


class TestaiSettings(CommonSettings):
    service_name: ClassVar[str] = "testai"
    __test__: ClassVar[bool] = False  # a settings class, not something for pytest to collect

    openai_api_key: str = Field(
        default="", description="Without it AI generation answers 503 ai_not_configured."
    )
    openai_base_url: str = Field(
        default="https://api.openai.com/v1",
        description="Any server that speaks the OpenAI Chat Completions API.",
    )
    openai_model: str = "gpt-4o-mini"
    openai_timeout_seconds: float = Field(default=60.0, gt=0)
    openai_max_retries: int = Field(default=2, ge=0, le=5)
    openai_json_schema: bool = Field(
        default=True,
        description="Ask for structured outputs (a JSON schema); off: plain JSON mode, for "
        "compatible servers that lack structured outputs.",
    )
    ai_max_questions: int = Field(default=20, ge=1, le=50)
    ai_max_rounds: int = Field(
        default=3, ge=1, le=5, description="Model calls per request while items fail validation"
    )
    ai_requests_per_minute: int = Field(default=4, ge=1)
    ai_daily_questions: int = Field(
        default=150, ge=1, description="Questions a teacher may ask the AI for per UTC day"
    )

    import_max_bytes: int = Field(default=5 * 1024 * 1024, ge=1024)
    import_max_pages: int = Field(default=60, ge=1)
    import_max_chars: int = Field(default=200_000, ge=1000)

    pass_coins: int = Field(
        default=20,
        ge=0,
        le=500,
        description="Coins for a student's first attempt that reaches a test's pass mark "
        "(0: none); all test rewards of a day stay under COIN_DAILY_CAPS' tests cap.",
    )
    attempt_grace_seconds: int = Field(
        default=30,
        ge=0,
        le=600,
        description="After the time limit, answers and a submit still in flight are accepted "
        "for this long; then the server closes the attempt.",
    )
