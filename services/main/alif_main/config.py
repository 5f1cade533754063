from datetime import time
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

    # Notifications (docs/jobs.md): SMS use the Eskiz account above when SMS_SENDER=eskiz.
    sms_daily_cap: int = Field(default=3, ge=0, description="notification SMS per phone per day")
    sms_quiet_start: time = time(21, 0)  # Tashkent: no notification SMS from...
    sms_quiet_end: time = time(8, 0)  # ...to (codes are not held back)
    eskiz_callback_url: str = ""  # https://<domain>/api/main/notifications/sms/status
    eskiz_callback_secret: str = ""
    telegram_bot_token: str = ""
    telegram_bot_username: str = ""  # without @, for the t.me link
    telegram_webhook_secret: str = ""  # Telegram sends it back in X-Telegram-Bot-Api-Secret-Token
    telegram_api_url: str = "https://api.telegram.org"

    email_sender: Literal["console", "smtp"] = "console"
    smtp_host: str = ""
    smtp_port: int = 587
    smtp_username: str = ""
    smtp_password: str = ""
    smtp_starttls: bool = True
    smtp_from: str = "ALIF24 <no-reply@alif24.uz>"

    admin_session_secret: str = ""

    # Payments. Secrets only from the environment; without them checkout answers 503.
    payme_merchant_id: str = ""
    payme_key: str = Field(default="", description="cash-desk key (TEST_KEY in the sandbox)")
    payme_checkout_url: str = "https://checkout.paycom.uz"
    payme_ikpu_code: str = Field(default="", description="fiscal product code for receipts")
    payme_package_code: str = ""
    payme_vat_percent: int = Field(default=0, ge=0, le=100)
    click_service_id: str = ""
    click_merchant_id: str = ""
    click_secret_key: str = ""
    click_pay_url: str = "https://my.click.uz/services/pay"
    click_sign_max_age_minutes: int = Field(default=1440, gt=0)
    click_prepare_ttl_minutes: int = Field(default=30, gt=0)
    payment_return_url: str = "https://alif24.uz/payments/return"
    # The public page where a centre's tuition link is paid (`<this>/<link id>`); crm sends the
    # same address (TUITION_PAY_URL is read by both), and the providers return the payer there.
    tuition_pay_url: str = "https://alif24.uz/pay"
    order_ttl_hours: int = Field(default=24, gt=0)

    subscription_trial_days: int = Field(default=7, ge=1, le=60)
    subscription_trial_plan: str = "family_month"
    subscription_refund_window_hours: int = Field(default=24, ge=0)

    @property
    def payme_configured(self) -> bool:
        return bool(self.payme_merchant_id.strip() and self.payme_key.strip())

    @property
    def click_configured(self) -> bool:
        return bool(
            self.click_service_id.strip()
            and self.click_merchant_id.strip()
            and self.click_secret_key.strip()
        )

    @property
    def sms_configured(self) -> bool:
        return self.sms_sender == "eskiz"

    @property
    def telegram_configured(self) -> bool:
        return bool(
            self.telegram_bot_token.strip()
            and self.telegram_bot_username.strip()
            and self.telegram_webhook_secret.strip()
        )

    def deployment_problems(self) -> list[str]:
        problems = super().deployment_problems()
        telegram = [
            self.telegram_bot_token,
            self.telegram_bot_username,
            self.telegram_webhook_secret,
        ]
        if any(v.strip() for v in telegram) and any(is_placeholder(v) for v in telegram):
            problems.append(
                "TELEGRAM_BOT_TOKEN, TELEGRAM_BOT_USERNAME, TELEGRAM_WEBHOOK_SECRET must all be "
                "real values (or all be empty)"
            )
        if self.eskiz_callback_url.strip() and is_placeholder(self.eskiz_callback_secret):
            problems.append("ESKIZ_CALLBACK_URL needs ESKIZ_CALLBACK_SECRET")
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
        problems += self._payment_problems()
        return problems

    def _payment_problems(self) -> list[str]:
        """A provider is off (all empty) or fully configured, never half or with placeholders."""
        problems = []
        providers = {
            "PAYME_MERCHANT_ID, PAYME_KEY": [self.payme_merchant_id, self.payme_key],
            "CLICK_SERVICE_ID, CLICK_MERCHANT_ID, CLICK_SECRET_KEY": [
                self.click_service_id,
                self.click_merchant_id,
                self.click_secret_key,
            ],
        }
        for names, values in providers.items():
            if any(v.strip() for v in values) and any(is_placeholder(v) for v in values):
                problems.append(f"{names} must all be real values (or all be empty)")
        if "test." in self.payme_checkout_url:
            problems.append("PAYME_CHECKOUT_URL points at the Payme sandbox")
        if self.click_service_id.strip() and not self.click_service_id.strip().isdigit():
            problems.append("CLICK_SERVICE_ID must be a number")
        return problems
