"""The admin UI's languages: Uzbek, Russian and English (decision 0046).

A staff member reads the admin in their account's language; the switch in the top bar picks
another for this browser (a cookie), which wins from then on. Before signing in, the browser's
language decides, else Uzbek. English texts are the message ids: sqladmin's own templates call
`_("Actions")` and get their words from the same catalog as ours, so every page reads in one
language. sqladmin ships no Uzbek catalog, hence our own catalog instead of its Babel one.
"""

from contextvars import ContextVar
from typing import Any

from markupsafe import Markup, escape
from starlette.datastructures import MutableHeaders
from starlette.requests import HTTPConnection
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from alif.kernel.models import Language

LANGUAGES = ("uz", "ru", "en")
DEFAULT = "uz"
COOKIE = "alif_admin_lang"
NAMES = {"uz": "Oʻzbekcha", "ru": "Русский", "en": "English"}

_language: ContextVar[str] = ContextVar("alif_admin_language", default=DEFAULT)
# Whether this request's language was chosen with the switch (else the account's applies).
_chosen: ContextVar[bool] = ContextVar("alif_admin_language_chosen", default=False)


def current() -> str:
    return _language.get()


def use_account_language(language: Language) -> None:
    """Once the staff member is known: their account's language, unless the switch chose one."""
    if not _chosen.get() and language.value in LANGUAGES:
        _language.set(language.value)


def gettext(message: str, **params: Any) -> str:
    """`message` (English) in the request's language; `%(name)s` placeholders filled in."""
    language = _language.get()
    text = message if language == "en" else CATALOG.get(message, {}).get(language, message)
    return text % params if params else text


def ngettext(singular: str, plural: str, n: int, **params: Any) -> str:
    """Our texts avoid plural forms (they write "Approved: 3."); sqladmin's templates use none."""
    return gettext(singular if n == 1 else plural, **params)


def display_name(language: str) -> str:
    return NAMES.get(language, language)


class Text(str):
    """A text translated when it is shown: view names, column headings and action labels are made
    once at start-up, and each request may want another language. The English text is the str's
    value (what sqladmin compares and hashes); printing it gives the request's language."""

    __slots__ = ()

    @property
    def message(self) -> str:
        return str.__str__(self)

    def __str__(self) -> str:
        return gettext(self.message)

    def __html__(self) -> Markup:
        return escape(str(self))


class AdminLanguage:
    """Sets each admin request's language: `?lang=` (kept in a cookie), the cookie, the browser's
    Accept-Language, else Uzbek; the account's language replaces the last two once signed in."""

    def __init__(self, app: ASGIApp, cookie_path: str = "/", secure: bool = True) -> None:
        self.app = app
        self.cookie_path = cookie_path
        # Secure like every cookie of ours (ASVS 3.3.1); off only where COOKIE_SECURE is (plain
        # http in development).
        self.secure = secure

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        connection = HTTPConnection(scope)
        asked = connection.query_params.get("lang")
        kept = connection.cookies.get(COOKIE)
        chosen = asked if asked in LANGUAGES else kept if kept in LANGUAGES else None
        _chosen.set(chosen is not None)
        _language.set(chosen or _from_header(connection.headers.get("accept-language", "")))

        async def send_with_cookie(message: Message) -> None:
            if message["type"] == "http.response.start" and asked in LANGUAGES:
                MutableHeaders(scope=message).append(
                    "set-cookie",
                    f"{COOKIE}={asked}; Path={self.cookie_path}; Max-Age=31536000; "
                    f"SameSite=Strict; HttpOnly{'; Secure' if self.secure else ''}",
                )
            await send(message)

        await self.app(scope, receive, send_with_cookie)


def _from_header(header: str) -> str:
    """The first of the browser's languages we have ("ru-RU,ru;q=0.9,en" -> "ru")."""
    for part in header.split(","):
        code = part.split(";")[0].strip().lower()[:2]
        if code in LANGUAGES:
            return code
    return DEFAULT


# English message -> its Uzbek and Russian texts. A test checks that every text the admin shows
# (sqladmin's templates, ours, view names, column headings, actions, messages) is here.
CATALOG: dict[str, dict[str, str]] = {
    "%(size)s / Page": {"uz": "%(size)s / sahifa", "ru": "%(size)s / стр."},
    "Actions": {"uz": "Amallar", "ru": "Действия"},
    "Cancel": {"uz": "Bekor qilish", "ru": "Отмена"},
    "Close": {"uz": "Yopish", "ru": "Закрыть"},
    "Column": {"uz": "Ustun", "ru": "Поле"},
    "Filters": {"uz": "Filtrlar", "ru": "Фильтры"},
    "Go Back": {"uz": "Orqaga", "ru": "Назад"},
    "Language": {"uz": "Til", "ru": "Язык"},
    "Logout": {"uz": "Chiqish", "ru": "Выйти"},
    "Search": {"uz": "Qidirish", "ru": "Поиск"},
    "Select all": {"uz": "Hammasini tanlash", "ru": "Выбрать все"},
    "Select item": {"uz": "Tanlash", "ru": "Выбрать"},
    "Show": {"uz": "Koʻrsatish", "ru": "Показать"},
    "Showing %(start)s to %(end)s of %(count)s items": {
        "uz": "%(count)s tadan %(start)s–%(end)s",
        "ru": "%(start)s–%(end)s из %(count)s",
    },
    "Value": {"uz": "Qiymat", "ru": "Значение"},
    "View": {"uz": "Koʻrish", "ru": "Открыть"},
    "Yes": {"uz": "Ha", "ru": "Да"},
    "You are not authorized to view these records.": {
        "uz": "Bu yozuvlarni koʻrishga ruxsatingiz yoʻq.",
        "ru": "У вас нет доступа к этим записям.",
    },
    "next": {"uz": "keyingi", "ru": "далее"},
    "prev": {"uz": "oldingi", "ru": "назад"},
    "Phone or e-mail": {"uz": "Telefon yoki e-pochta", "ru": "Телефон или e-mail"},
    "Password": {"uz": "Parol", "ru": "Пароль"},
    "Sign in": {"uz": "Kirish", "ru": "Войти"},
    "Wrong phone, e-mail or password.": {
        "uz": "Telefon, e-pochta yoki parol notoʻgʻri.",
        "ru": "Неверный телефон, e-mail или пароль.",
    },
    "so'm": {"uz": "soʻm", "ru": "сум"},
    "No": {"uz": "Yoʻq", "ru": "Нет"},
    "Needs attention": {"uz": "Eʼtibor talab qiladi", "ru": "Требует внимания"},
    "Account": {"uz": "Hisob", "ru": "Аккаунт"},
    "Accounts": {"uz": "Hisoblar", "ru": "Аккаунты"},
    "Account tools": {"uz": "Hisob amallari", "ru": "Действия с аккаунтом"},
    "Organization": {"uz": "Tashkilot", "ru": "Организация"},
    "Organizations": {"uz": "Tashkilotlar", "ru": "Организации"},
    "Membership": {"uz": "Aʼzolik", "ru": "Участие"},
    "Memberships": {"uz": "Aʼzoliklar", "ru": "Участники организаций"},
    "Session": {"uz": "Seans", "ru": "Сеанс"},
    "Sessions": {"uz": "Seanslar", "ru": "Сеансы"},
    "Audit entry": {"uz": "Audit yozuvi", "ru": "Запись аудита"},
    "Audit log": {"uz": "Audit jurnali", "ru": "Журнал аудита"},
    "Coins and payments": {"uz": "Tangalar va toʻlovlar", "ru": "Монеты и платежи"},
    "Plan": {"uz": "Tarif", "ru": "Тариф"},
    "Plans": {"uz": "Tariflar", "ru": "Тарифы"},
    "plan": {"uz": "tarif", "ru": "тариф"},
    "tuition": {"uz": "oʻquv toʻlovi", "ru": "оплата обучения"},
    "Payment link": {"uz": "Toʻlov havolasi", "ru": "Ссылка на оплату"},
    "Subscription": {"uz": "Obuna", "ru": "Подписка"},
    "Subscriptions": {"uz": "Obunalar", "ru": "Подписки"},
    "Subscription period": {"uz": "Obuna davri", "ru": "Период подписки"},
    "Subscription periods": {"uz": "Obuna davrlari", "ru": "Периоды подписок"},
    "Promo code": {"uz": "Promokod", "ru": "Промокод"},
    "Promo codes": {"uz": "Promokodlar", "ru": "Промокоды"},
    "Order": {"uz": "Buyurtma", "ru": "Заказ"},
    "Orders": {"uz": "Buyurtmalar", "ru": "Заказы"},
    "Payment": {"uz": "Toʻlov", "ru": "Платёж"},
    "Payments": {"uz": "Toʻlovlar", "ru": "Платежи"},
    "Provider call": {"uz": "Provayder soʻrovi", "ru": "Запрос провайдера"},
    "Provider calls": {"uz": "Provayder soʻrovlari", "ru": "Запросы провайдеров"},
    "Coin transaction": {"uz": "Tanga amali", "ru": "Операция с монетами"},
    "Coin ledger": {"uz": "Tangalar daftari", "ru": "Журнал монет"},
    "Coin account": {"uz": "Tanga hisobi", "ru": "Счёт монет"},
    "Coin accounts": {"uz": "Tanga hisoblari", "ru": "Счета монет"},
    "Shop item": {"uz": "Doʻkon buyumi", "ru": "Товар магазина"},
    "Shop items": {"uz": "Doʻkon buyumlari", "ru": "Товары магазина"},
    "Reconciliation": {"uz": "Solishtirish", "ru": "Сверка"},
    "Coins and role": {"uz": "Tangalar va rol", "ru": "Монеты и роль"},
    "Approve": {"uz": "Tasdiqlash", "ru": "Одобрить"},
    "Approve these accounts?": {
        "uz": "Bu hisoblar tasdiqlansinmi?",
        "ru": "Одобрить эти аккаунты?",
    },
    "Approve this account?": {"uz": "Bu hisob tasdiqlansinmi?", "ru": "Одобрить этот аккаунт?"},
    "Approve %(name)s?": {"uz": "%(name)s tasdiqlansinmi?", "ru": "Одобрить %(name)s?"},
    "Approved": {"uz": "Tasdiqlandi", "ru": "Одобрено"},
    "Block": {"uz": "Bloklash", "ru": "Заблокировать"},
    "Block and sign out these accounts?": {
        "uz": "Bu hisoblar bloklanib, barcha qurilmalardan chiqarilsinmi?",
        "ru": "Заблокировать эти аккаунты и завершить их сеансы?",
    },
    "Block this account and sign it out everywhere?": {
        "uz": "Bu hisob bloklanib, barcha qurilmalardan chiqarilsinmi?",
        "ru": "Заблокировать аккаунт и завершить все его сеансы?",
    },
    "Blocked and signed out": {
        "uz": "Bloklandi va chiqarildi",
        "ru": "Заблокировано, сеансы завершены",
    },
    "Unblock": {"uz": "Blokdan chiqarish", "ru": "Разблокировать"},
    "Unblock these accounts?": {
        "uz": "Bu hisoblar blokdan chiqarilsinmi?",
        "ru": "Разблокировать эти аккаунты?",
    },
    "Unblock this account?": {
        "uz": "Bu hisob blokdan chiqarilsinmi?",
        "ru": "Разблокировать этот аккаунт?",
    },
    "Unblocked": {"uz": "Blokdan chiqarildi", "ru": "Разблокировано"},
    "Left as they were:": {"uz": "Oʻzgarmay qoldi:", "ru": "Оставлены без изменений:"},
    "This account is already blocked.": {
        "uz": "Bu hisob allaqachon bloklangan.",
        "ru": "Этот аккаунт уже заблокирован.",
    },
    "This account is not blocked.": {
        "uz": "Bu hisob bloklanmagan.",
        "ru": "Этот аккаунт не заблокирован.",
    },
    "Details": {"uz": "Batafsil", "ru": "Подробнее"},
    "Coins": {"uz": "Tangalar", "ru": "Монеты"},
    "Grant coins": {"uz": "Tanga berish", "ru": "Начислить монеты"},
    "Coins (negative to take some away)": {
        "uz": "Tangalar (olib qoʻyish uchun manfiy son)",
        "ru": "Монеты (отрицательное число — списать)",
    },
    "Reason (kept in the audit log)": {
        "uz": "Sabab (audit jurnalida saqlanadi)",
        "ru": "Причина (сохраняется в журнале аудита)",
    },
    "Grant": {"uz": "Berish", "ru": "Начислить"},
    "Change the role": {"uz": "Rolni oʻzgartirish", "ru": "Изменить роль"},
    "Change the role? The account will be signed out.": {
        "uz": "Rol oʻzgartirilsinmi? Hisob barcha qurilmalardan chiqariladi.",
        "ru": "Изменить роль? Все сеансы аккаунта будут завершены.",
    },
    "New role": {"uz": "Yangi rol", "ru": "Новая роль"},
    "Only admins grant coins.": {
        "uz": "Tangani faqat administrator beradi.",
        "ru": "Начислять монеты может только администратор.",
    },
    "To make changes, sign out and sign in again (needed every 15 minutes).": {
        "uz": "Oʻzgartirish uchun chiqib, qaytadan kiring (har 15 daqiqada kerak).",
        "ru": "Чтобы внести изменения, выйдите и войдите снова (нужно каждые 15 минут).",
    },
    "Only admins change roles.": {
        "uz": "Rolni faqat administrator oʻzgartiradi.",
        "ru": "Менять роли может только администратор.",
    },
    "Give a whole number of coins (not 0) and a reason.": {
        "uz": "Butun son (0 emas) va sababni kiriting.",
        "ru": "Укажите целое число монет (не 0) и причину.",
    },
    "Choose the new role and give a reason.": {
        "uz": "Yangi rolni tanlang va sababini yozing.",
        "ru": "Выберите новую роль и укажите причину.",
    },
    "This grant was already made; nothing was added again.": {
        "uz": "Bu tangalar allaqachon berilgan; qayta qoʻshilmadi.",
        "ru": "Эти монеты уже начислены; повторно ничего не добавлено.",
    },
    "%(amount)s coins. The balance is now %(balance)s.": {
        "uz": "%(amount)s tanga. Hozirgi balans: %(balance)s.",
        "ru": "%(amount)s монет. Баланс теперь: %(balance)s.",
    },
    "The role is now %(role)s; the account was signed out.": {
        "uz": "Yangi rol: %(role)s; hisob barcha qurilmalardan chiqarildi.",
        "ru": "Новая роль: %(role)s; сеансы аккаунта завершены.",
    },
    "Teachers and organizations waiting for approval": {
        "uz": "Tasdiq kutayotgan oʻqituvchilar va tashkilotlar",
        "ru": "Учителя и организации ждут одобрения",
    },
    "Payments flagged by reconciliation": {
        "uz": "Solishtirishda belgilangan toʻlovlar",
        "ru": "Платежи, отмеченные сверкой",
    },
    "Waiting for approval": {"uz": "Tasdiq kutmoqda", "ru": "Ждут одобрения"},
    "Who": {"uz": "Kim", "ru": "Кто"},
    "Registered": {"uz": "Roʻyxatdan oʻtgan", "ru": "Зарегистрирован"},
    "Nobody is waiting.": {"uz": "Hech kim kutmayapti.", "ru": "Никто не ждёт."},
    "Payments to look at": {
        "uz": "Koʻrib chiqiladigan toʻlovlar",
        "ru": "Платежи, требующие внимания",
    },
    "Buyer": {"uz": "Xaridor", "ru": "Покупатель"},
    "Flags": {"uz": "Belgilar", "ru": "Отметки"},
    "Nothing to look at.": {"uz": "Koʻrib chiqadigan narsa yoʻq.", "ru": "Всё в порядке."},
    "Payments by provider and state": {
        "uz": "Provayder va holat boʻyicha toʻlovlar",
        "ru": "Платежи по провайдерам и состояниям",
    },
    "Count": {"uz": "Soni", "ru": "Количество"},
    "No payments yet.": {"uz": "Hali toʻlovlar yoʻq.", "ru": "Платежей пока нет."},
    "Order status": {"uz": "Buyurtma holati", "ru": "Статус заказа"},
    "Orders paid but not activated": {
        "uz": "Toʻlangan, lekin faollashtirilmagan buyurtmalar",
        "ru": "Оплаченные, но не активированные заказы",
    },
    "None.": {"uz": "Yoʻq.", "ru": "Нет."},
    "stale_payme": {
        "uz": "Payme: 12 soatdan beri tugallanmagan",
        "ru": "Payme: не завершён более 12 часов",
    },
    "stale_click": {
        "uz": "Click: tayyorlangan, tugallanmagan",
        "ru": "Click: подготовлен, не завершён",
    },
    "performed_order_not_paid": {
        "uz": "Toʻlov oʻtgan, buyurtma toʻlanmagan",
        "ru": "Платёж проведён, заказ не оплачен",
    },
    "paid_not_activated": {"uz": "Toʻlangan, faollashtirilmagan", "ru": "Оплачен, не активирован"},
    "Action": {"uz": "Amal", "ru": "Действие"},
    "Active": {"uz": "Faol", "ru": "Активен"},
    "Address": {"uz": "Manzil", "ru": "Адрес"},
    "Amount": {"uz": "Summa", "ru": "Сумма"},
    "Audience": {"uz": "Kim uchun", "ru": "Для кого"},
    "Balance": {"uz": "Balans", "ru": "Баланс"},
    "Balance after": {"uz": "Keyingi balans", "ru": "Баланс после"},
    "Base amount": {"uz": "Asosiy summa", "ru": "Базовая сумма"},
    "By": {"uz": "Kim tomonidan", "ru": "Кем"},
    "Caller's address": {"uz": "Chaqiruvchi manzili", "ru": "Адрес отправителя"},
    "Cancel reason": {"uz": "Bekor qilish sababi", "ru": "Причина отмены"},
    "Cancelled": {"uz": "Bekor qilingan", "ru": "Отменён"},
    "Chosen child ids": {"uz": "Tanlangan farzandlar", "ru": "Выбранные дети"},
    "Click paydoc": {"uz": "Click hujjati", "ru": "Документ Click"},
    "Code": {"uz": "Kod", "ru": "Код"},
    "Created": {"uz": "Yaratilgan", "ru": "Создан"},
    "Created by": {"uz": "Kim yaratgan", "ru": "Кем создан"},
    "Decided": {"uz": "Hal qilingan", "ru": "Решено"},
    "Decided by": {"uz": "Kim hal qilgan", "ru": "Кем решено"},
    "Description": {"uz": "Tavsif", "ru": "Описание"},
    "Discount": {"uz": "Chegirma", "ru": "Скидка"},
    "District": {"uz": "Tuman", "ru": "Район"},
    "Duration days": {"uz": "Muddati (kun)", "ru": "Срок (дней)"},
    "Email": {"uz": "E-pochta", "ru": "E-mail"},
    "Email verified": {"uz": "E-pochta tasdiqlangan", "ru": "E-mail подтверждён"},
    "Ends": {"uz": "Tugaydi", "ru": "Заканчивается"},
    "Error code": {"uz": "Xato kodi", "ru": "Код ошибки"},
    "Expires": {"uz": "Amal qilish muddati", "ru": "Истекает"},
    "Extend": {"uz": "Uzaytirish", "ru": "Продление"},
    "Features": {"uz": "Imkoniyatlar", "ru": "Возможности"},
    "First name": {"uz": "Ism", "ru": "Имя"},
    "Free days": {"uz": "Bepul kunlar", "ru": "Бесплатные дни"},
    "Fulfilled": {"uz": "Bajarilgan", "ru": "Выполнен"},
    "IP address": {"uz": "IP manzil", "ru": "IP-адрес"},
    "Id": {"uz": "Id", "ru": "Id"},
    "Idempotency key": {"uz": "Takrorlanish kaliti", "ru": "Ключ идемпотентности"},
    "Image": {"uz": "Rasm", "ru": "Изображение"},
    "Kind": {"uz": "Turi", "ru": "Вид"},
    "Last name": {"uz": "Familiya", "ru": "Фамилия"},
    "Last sign-in": {"uz": "Oxirgi kirish", "ru": "Последний вход"},
    "Last used": {"uz": "Oxirgi foydalanish", "ru": "Последнее использование"},
    "Max children": {"uz": "Eng koʻp farzandlar", "ru": "Макс. детей"},
    "Max redemptions": {"uz": "Eng koʻp foydalanish", "ru": "Макс. использований"},
    "Name": {"uz": "Nomi", "ru": "Название"},
    "Owner": {"uz": "Egasi", "ru": "Владелец"},
    "Paid": {"uz": "Toʻlangan", "ru": "Оплачен"},
    "Password hash": {"uz": "Parol xeshi", "ru": "Хеш пароля"},
    "Per user limit": {"uz": "Bir kishiga chegara", "ru": "Лимит на человека"},
    "Percent": {"uz": "Foiz", "ru": "Процент"},
    "Performed": {"uz": "Oʻtkazilgan", "ru": "Проведён"},
    "Person": {"uz": "Shaxs", "ru": "Человек"},
    "Phone": {"uz": "Telefon", "ru": "Телефон"},
    "Phone verified": {"uz": "Telefon tasdiqlangan", "ru": "Телефон подтверждён"},
    "Pin hash": {"uz": "PIN xeshi", "ru": "Хеш PIN-кода"},
    "Price": {"uz": "Narxi", "ru": "Цена"},
    "Promo redemption": {"uz": "Promokoddan foydalanish", "ru": "Использование промокода"},
    "Provider": {"uz": "Provayder", "ru": "Провайдер"},
    "Provider time": {"uz": "Provayder vaqti", "ru": "Время провайдера"},
    "Provider's id": {"uz": "Provayderdagi id", "ru": "Id у провайдера"},
    "Reason": {"uz": "Sabab", "ru": "Причина"},
    "Reference": {"uz": "Havola", "ru": "Ссылка"},
    "Refund of": {"uz": "Qaytarilgan amal", "ru": "Возврат операции"},
    "Refunded": {"uz": "Qaytarilgan", "ru": "Возвращён"},
    "Region": {"uz": "Viloyat", "ru": "Область"},
    "Request": {"uz": "Soʻrov", "ru": "Запрос"},
    "Requested": {"uz": "Soʻralgan", "ru": "Запрошено"},
    "Response": {"uz": "Javob", "ru": "Ответ"},
    "Revoke reason": {"uz": "Bekor qilish sababi", "ru": "Причина отзыва"},
    "Revoked": {"uz": "Bekor qilingan", "ru": "Отозван"},
    "Role": {"uz": "Rol", "ru": "Роль"},
    "Sort order": {"uz": "Tartib", "ru": "Порядок"},
    "Source": {"uz": "Manba", "ru": "Источник"},
    "Starts": {"uz": "Boshlanadi", "ru": "Начинается"},
    "State": {"uz": "Holat", "ru": "Состояние"},
    "Status": {"uz": "Holat", "ru": "Статус"},
    "Target": {"uz": "Obyekt", "ru": "Объект"},
    "Target type": {"uz": "Obyekt turi", "ru": "Тип объекта"},
    "Translations": {"uz": "Tarjimalar", "ru": "Переводы"},
    "Trial": {"uz": "Sinov", "ru": "Пробный"},
    "Trial used": {"uz": "Sinov ishlatilgan", "ru": "Пробный использован"},
    "Updated": {"uz": "Yangilangan", "ru": "Обновлён"},
    "User agent": {"uz": "Brauzer", "ru": "Браузер"},
    "Username": {"uz": "Foydalanuvchi nomi", "ru": "Имя пользователя"},
    "Valid from": {"uz": "Amal qila boshlaydi", "ru": "Действует с"},
    "Valid until": {"uz": "Amal qiladi", "ru": "Действует до"},
    "Ask a parent to change this.": {
        "uz": "Buni ota-onangiz oʻzgartirsin.",
        "ru": "Попросите родителя изменить это.",
    },
    "Coin transaction not found.": {
        "uz": "Tanga amali topilmadi.",
        "ru": "Операция с монетами не найдена.",
    },
    "Not found.": {"uz": "Topilmadi.", "ru": "Не найдено."},
    "Only an admin can block staff accounts.": {
        "uz": "Xodimlar hisobini faqat administrator bloklaydi.",
        "ru": "Аккаунты сотрудников может блокировать только администратор.",
    },
    "Only spent coins can be refunded.": {
        "uz": "Faqat sarflangan tangalar qaytariladi.",
        "ru": "Вернуть можно только потраченные монеты.",
    },
    "The request could not be processed.": {
        "uz": "Soʻrovni bajarib boʻlmadi.",
        "ru": "Не удалось выполнить запрос.",
    },
    "There are not enough coins for this.": {
        "uz": "Buning uchun tangalar yetarli emas.",
        "ru": "Для этого не хватает монет.",
    },
    "There is no such user to hold coins.": {
        "uz": "Tangalar uchun bunday foydalanuvchi yoʻq.",
        "ru": "Нет такого пользователя для монет.",
    },
    "These coins were already refunded.": {
        "uz": "Bu tangalar allaqachon qaytarilgan.",
        "ru": "Эти монеты уже возвращены.",
    },
    "This account is not waiting for approval.": {
        "uz": "Bu hisob tasdiq kutmayapti.",
        "ru": "Этот аккаунт не ждёт одобрения.",
    },
    "This account's role cannot be changed to that role.": {
        "uz": "Bu hisob rolini bunday rolga oʻzgartirib boʻlmaydi.",
        "ru": "Роль этого аккаунта нельзя сменить на эту.",
    },
    "This coin operation is not valid.": {
        "uz": "Bu tanga amali notoʻgʻri.",
        "ru": "Эта операция с монетами недопустима.",
    },
    "This conflicts with the current state.": {
        "uz": "Bu hozirgi holatga zid.",
        "ru": "Это противоречит текущему состоянию.",
    },
    "This request key was already used for a different coin operation.": {
        "uz": "Bu soʻrov kaliti boshqa tanga amalida ishlatilgan.",
        "ru": "Этот ключ запроса уже использован для другой операции.",
    },
    "User not found.": {"uz": "Foydalanuvchi topilmadi.", "ru": "Пользователь не найден."},
    "You are not allowed to do this.": {
        "uz": "Sizga buni qilish mumkin emas.",
        "ru": "Вам это не разрешено.",
    },
    "You cannot change your own role.": {
        "uz": "Oʻz rolingizni oʻzgartira olmaysiz.",
        "ru": "Нельзя изменить собственную роль.",
    },
    "active": {"uz": "faol", "ru": "активен"},
    "pending": {"uz": "kutmoqda", "ru": "ожидает"},
    "blocked": {"uz": "bloklangan", "ru": "заблокирован"},
    "rejected": {"uz": "rad etilgan", "ru": "отклонён"},
    "closed": {"uz": "yopilgan", "ru": "закрыт"},
    "admin": {"uz": "administrator", "ru": "администратор"},
    "moderator": {"uz": "moderator", "ru": "модератор"},
    "teacher": {"uz": "oʻqituvchi", "ru": "учитель"},
    "parent": {"uz": "ota-ona", "ru": "родитель"},
    "student": {"uz": "oʻquvchi", "ru": "ученик"},
    "organization": {"uz": "tashkilot", "ru": "организация"},
    "school": {"uz": "maktab", "ru": "школа"},
    "learning_centre": {"uz": "oʻquv markazi", "ru": "учебный центр"},
    "family": {"uz": "oila", "ru": "семья"},
    "paying": {"uz": "toʻlanmoqda", "ru": "оплачивается"},
    "paid": {"uz": "toʻlangan", "ru": "оплачен"},
    "cancelled": {"uz": "bekor qilingan", "ru": "отменён"},
    "refunded": {"uz": "qaytarilgan", "ru": "возвращён"},
    "expired": {"uz": "muddati oʻtgan", "ru": "истёк"},
    "payme": {"uz": "Payme", "ru": "Payme"},
    "click": {"uz": "Click", "ru": "Click"},
    "percent": {"uz": "foiz", "ru": "процент"},
    "free_days": {"uz": "bepul kunlar", "ru": "бесплатные дни"},
    "trial": {"uz": "sinov", "ru": "пробный"},
    "promo": {"uz": "promokod", "ru": "промокод"},
    "adjustment": {"uz": "tuzatish", "ru": "корректировка"},
    "reward": {"uz": "mukofot", "ru": "награда"},
    "spend": {"uz": "sarf", "ru": "трата"},
    "refund": {"uz": "qaytarish", "ru": "возврат"},
    "system": {"uz": "tizim", "ru": "система"},
    "wallet": {"uz": "hamyon", "ru": "кошелёк"},
    "avatar": {"uz": "avatar", "ru": "аватар"},
    "frame": {"uz": "ramka", "ru": "рамка"},
    "theme": {"uz": "mavzu", "ru": "тема"},
    "api": {"uz": "ilova", "ru": "приложение"},
    "web": {"uz": "veb", "ru": "веб"},
    "uz": {"uz": "oʻzbekcha", "ru": "узбекский"},
    "ru": {"uz": "ruscha", "ru": "русский"},
    "en": {"uz": "inglizcha", "ru": "английский"},
    "tashkent_city": {"uz": "Toshkent shahri", "ru": "г. Ташкент"},
    "tashkent_region": {"uz": "Toshkent viloyati", "ru": "Ташкентская обл."},
    "andijan": {"uz": "Andijon", "ru": "Андижан"},
    "bukhara": {"uz": "Buxoro", "ru": "Бухара"},
    "fergana": {"uz": "Fargʻona", "ru": "Фергана"},
    "jizzakh": {"uz": "Jizzax", "ru": "Джизак"},
    "karakalpakstan": {"uz": "Qoraqalpogʻiston", "ru": "Каракалпакстан"},
    "kashkadarya": {"uz": "Qashqadaryo", "ru": "Кашкадарья"},
    "khorezm": {"uz": "Xorazm", "ru": "Хорезм"},
    "namangan": {"uz": "Namangan", "ru": "Наманган"},
    "navoiy": {"uz": "Navoiy", "ru": "Навои"},
    "samarkand": {"uz": "Samarqand", "ru": "Самарканд"},
    "sirdarya": {"uz": "Sirdaryo", "ru": "Сырдарья"},
    "surkhandarya": {"uz": "Surxondaryo", "ru": "Сурхандарья"},
}
