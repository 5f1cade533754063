"""The kinds of message, the channels, and each kind's texts in the three languages.

A text is chosen in the recipient's language (`User.language`). SMS texts go through Eskiz, which
sends only texts matching a template it approved: these are the templates to register there.
"""

from dataclasses import dataclass
from enum import StrEnum

from alif.kernel.models import Language


class Channel(StrEnum):
    sms = "sms"
    telegram = "telegram"


class Kind(StrEnum):
    weekly_report = "weekly_report"  # Sunday evening: a week of one child's learning
    child_news = "child_news"  # something a child did that their parent should hear about


# Channels besides the app (which always has every notification) until a user chooses.
DEFAULT_CHANNELS: dict[Kind, tuple[Channel, ...]] = {
    Kind.weekly_report: (Channel.telegram,),
    Kind.child_news: (),
}


@dataclass(frozen=True)
class Texts:
    title: str
    body: str
    sms: str


TEXTS: dict[Kind, dict[Language, Texts]] = {
    Kind.weekly_report: {
        Language.uz: Texts(
            title="{child}: haftalik hisobot",
            body=(
                "{week}. Testlar: {tests} (o‘rtacha {score}). O‘yinlar: {games}. "
                "Tangalar: +{earned}, sarflandi {spent}."
            ),
            sms=(
                "ALIF24: {child}, {week}. Testlar: {tests} (o'rtacha {score}), o'yinlar: {games}, "
                "tangalar: +{earned}/-{spent}."
            ),
        ),
        Language.ru: Texts(
            title="{child}: отчёт за неделю",
            body=(
                "{week}. Тесты: {tests} (в среднем {score}). Игры: {games}. "
                "Монеты: +{earned}, потрачено {spent}."
            ),
            sms=(
                "ALIF24: {child}, {week}. Тесты: {tests} (в среднем {score}), игры: {games}, "
                "монеты: +{earned}/-{spent}."
            ),
        ),
        Language.en: Texts(
            title="{child}: the week's report",
            body=(
                "{week}. Tests: {tests} (average {score}). Games: {games}. "
                "Coins: +{earned}, spent {spent}."
            ),
            sms=(
                "ALIF24: {child}, {week}. Tests: {tests} (average {score}), games: {games}, "
                "coins: +{earned}/-{spent}."
            ),
        ),
    },
    Kind.child_news: {
        Language.uz: Texts(title="{child}", body="{text}", sms="ALIF24: {child}: {text}"),
        Language.ru: Texts(title="{child}", body="{text}", sms="ALIF24: {child}: {text}"),
        Language.en: Texts(title="{child}", body="{text}", sms="ALIF24: {child}: {text}"),
    },
}


def render(kind: Kind, language: Language, params: dict[str, str | int]) -> Texts:
    texts = TEXTS[kind][language]
    return Texts(
        title=texts.title.format(**params)[:200],
        body=texts.body.format(**params),
        sms=texts.sms.format(**params),
    )
