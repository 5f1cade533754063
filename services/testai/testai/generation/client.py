"""The one place that talks to OpenAI (or any server speaking its Chat Completions API).

The official client brings timeouts and retries with backoff on connection errors, 429 and 5xx;
whatever still fails reaches the teacher as `ai_unavailable`, never as a made-up result.
"""

from dataclasses import dataclass
from typing import Any

import openai
import structlog
from openai import AsyncOpenAI

from testai.config import TestaiSettings
from testai.generation.exceptions import AIUnavailable

logger = structlog.get_logger("testai.generation")


@dataclass(frozen=True)
class Completion:
    content: str | None
    refusal: str | None
    prompt_tokens: int
    completion_tokens: int


class AIClient:
    def __init__(self, settings: TestaiSettings) -> None:
        self.model = settings.openai_model
        self.json_schema = settings.openai_json_schema
        self._client = AsyncOpenAI(
            api_key=settings.openai_api_key,
            base_url=settings.openai_base_url,
            timeout=settings.openai_timeout_seconds,
            max_retries=settings.openai_max_retries,
        )

    async def complete(
        self, messages: list[dict[str, str]], schema: dict[str, Any], temperature: float
    ) -> Completion:
        response_format: Any = (
            {
                "type": "json_schema",
                "json_schema": {"name": "test_questions", "strict": True, "schema": schema},
            }
            if self.json_schema
            else {"type": "json_object"}
        )
        try:
            response = await self._client.chat.completions.create(
                model=self.model,
                messages=messages,  # type: ignore[arg-type]
                response_format=response_format,
                temperature=temperature,
            )
        except openai.APIError as error:
            logger.warning("ai_request_failed", error=type(error).__name__)
            raise AIUnavailable() from error
        if not response.choices:
            raise AIUnavailable()
        message = response.choices[0].message
        usage = response.usage
        return Completion(
            content=message.content,
            refusal=getattr(message, "refusal", None),
            prompt_tokens=usage.prompt_tokens if usage else 0,
            completion_tokens=usage.completion_tokens if usage else 0,
        )

    async def close(self) -> None:
        await self._client.close()
