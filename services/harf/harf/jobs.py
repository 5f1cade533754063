"""harf's background jobs: the worker runs `python -m alif.jobs harf.jobs:jobs` (docs/jobs.md)."""

from typing import Any

from alif.jobs import JobContext, Jobs
from harf.alphabets.schemas import Language
from harf.audio import service as audio
from harf.config import HarfSettings

jobs = Jobs("harf", HarfSettings)


@jobs.job("render_audio")
async def render_audio(ctx: JobContext, payload: dict[str, Any]) -> None:
    """Say a letter's name or sound or a word once, with the first voice that can, and keep it
    (a failure retries)."""
    settings = ctx.settings
    assert isinstance(settings, HarfSettings)
    speech = audio.Speech(
        text=payload["text"],
        language=Language(payload["language"]),
        phonemes=bool(payload.get("phonemes", False)),
    )
    await audio.render(ctx.session, settings, speech)
