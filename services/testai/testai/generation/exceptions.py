from typing import ClassVar

from alif.errors import AppError, NotConfigured, TooManyRequests, Unprocessable


class AINotConfigured(NotConfigured):
    code: ClassVar[str] = "ai_not_configured"
    message = "AI generation is not configured on this server."


class AIUnavailable(AppError):
    status_code = 502
    code: ClassVar[str] = "ai_unavailable"
    message = "The AI service did not answer. Please try again in a minute."


class AIOutputNotUsable(AppError):
    status_code = 502
    code: ClassVar[str] = "ai_output_not_usable"
    message = "The AI did not produce any question that passed our checks. Please try again."
    # The model was paid for even though nothing came of it: the usage record must stay.
    commit_changes = True


class AIRateLimited(TooManyRequests):
    code: ClassVar[str] = "ai_rate_limited"
    message = "Too many AI requests in a short time. Please wait a minute."


class AIQuotaExceeded(TooManyRequests):
    code: ClassVar[str] = "ai_quota_exceeded"
    message = "You have used today's AI questions. The quota renews at midnight (UTC)."


class TooManyQuestionsAsked(Unprocessable):
    message = "Ask for fewer questions at a time."
