"""main refuses to start in production with a placeholder secret or a code sender that only
prints to the console."""

from pathlib import Path

import pytest
from pydantic import ValidationError

from alif.keys import development_private_key, private_key_to_pem, public_key_to_pem
from alif_main.config import MainSettings


def test_main_refuses_placeholder_secrets_and_the_console_code_sender(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("DATABASE_URL", raising=False)
    monkeypatch.delenv("REDIS_URL", raising=False)
    key = development_private_key(tmp_path)
    with pytest.raises(ValidationError) as error:
        MainSettings(
            _env_file=None,
            environment="production",
            database_url="postgresql+asyncpg://alif:pw@db:5432/alif",
            jwt_public_keys=public_key_to_pem(key.public_key()),
            jwt_private_key=private_key_to_pem(key),
            admin_session_secret="change-me",
        )
    message = str(error.value)
    for problem in ("ADMIN_SESSION_SECRET", "SMS_SENDER", "EMAIL_SENDER"):
        assert problem in message
