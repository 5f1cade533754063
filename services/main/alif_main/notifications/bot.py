"""What the bot answers. Telegram lets a webhook answer with a Bot API method, so the reply
needs no call of our own: `{"method": "sendMessage", ...}` in the response."""

from datetime import datetime
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from alif.kernel.models import Language, User
from alif.notifications import service

LINKED = {
    Language.uz: "Tayyor! ALIF24 xabarlari shu yerga keladi.",
    Language.ru: "Готово! Сообщения ALIF24 будут приходить сюда.",
    Language.en: "Done! ALIF24 messages will come here.",
}
# Before linking we do not know the user's language: all three.
ASK_FOR_CODE = (
    "ALIF24 ilovasidagi kodni yuboring.\n"
    "Отправьте код из приложения ALIF24.\n"
    "Send the code from the ALIF24 app."
)
WRONG_CODE = (
    "Kod noto‘g‘ri yoki eskirgan.\nКод неверный или устарел.\nThe code is wrong or has expired."
)


def _code_in(text: str) -> str:
    # "/start CODE" from the t.me link, or the code typed alone.
    words = text.strip().split()
    if words and words[0].startswith("/start"):
        words = words[1:]
    return words[0] if len(words) == 1 else ""


async def reply_to_update(
    db: AsyncSession, update: dict[str, Any], now: datetime
) -> dict[str, Any]:
    message = update.get("message")
    if not isinstance(message, dict):
        return {}  # edits, callbacks...: nothing to say
    chat = message.get("chat")
    text = message.get("text")
    if (
        not isinstance(chat, dict)
        or not isinstance(chat.get("id"), int)
        or chat.get("type") != "private"
    ):
        return {}
    chat_id: int = chat["id"]
    code = _code_in(text) if isinstance(text, str) else ""
    if not code:
        answer = ASK_FOR_CODE
    elif (user_id := await service.link_chat(db, code, chat_id, now)) is None:
        answer = WRONG_CODE
    else:
        user = await db.get(User, user_id)
        answer = LINKED[user.language if user else Language.uz]
    return {"method": "sendMessage", "chat_id": chat_id, "text": answer}
