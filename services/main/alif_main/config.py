from typing import ClassVar, Literal

from pydantic import Field

from alif.config import CommonSettings, is_placeholder


class MainSettings(CommonSettings):
    service_name: ClassVar[str] = "main"

    jwt_private_key: str = Field(
        default="",
        description="PEM Ed25519 private key that signs access tokens; only main holds it.",
    )
    access_token_minutes: int = 15
    refresh_token_days: int = 30
    session_max_days: int = 90
    refresh_reuse_grace_seconds: int = 20

    password_hash_threads: int = 2

    sms_sender: Literal["console", "eskiz"] = "console"
    eskiz_base_url: str = "https://notify.eskiz.uz/api"
    eskiz_email: str = ""
    eskiz_password: str = ""
    eskiz_sender: str = "4546"
    eskiz_code_template: str = "ALIF24: tasdiqlash kodi {code}. Uni hech kimga bermang."

    email_sender: Literal["console", "smtp"] = "console"
    smtp_host: str = ""
    smtp_port: int = 587
    smtp_username: str = ""
    smtp_password: str = ""
    smtp_starttls: bool = True
    smtp_from: str = "ALIF24 <no-reply@alif24.uz>"

    admin_session_secret: str = ""

    def deployment_problems(self) -> list[str]:
        problems = super().deployment_problems()
        if is_placeholder(self.jwt_private_key):
            problems.append("JWT_PRIVATE_KEY is missing")
        if is_placeholder(self.admin_session_secret) or len(self.admin_session_secret) < 32:
            problems.append("ADMIN_SESSION_SECRET must be a random string of 32+ characters")
        if self.sms_sender != "eskiz":
            problems.append("SMS_SENDER must be eskiz (the console sender logs codes)")
        elif is_placeholder(self.eskiz_email) or is_placeholder(self.eskiz_password):
            problems.append("ESKIZ_EMAIL and ESKIZ_PASSWORD are required")
        if self.email_sender != "smtp":
            problems.append("EMAIL_SENDER must be smtp (the console sender logs codes)")
        elif not self.smtp_host or is_placeholder(self.smtp_password):
            problems.append("SMTP_HOST and SMTP_PASSWORD are required")
        return problems
