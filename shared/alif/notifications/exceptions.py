from alif.errors import Conflict, NotConfigured


class SmsNotConfigured(NotConfigured):
    message = "SMS messages are not set up on this server yet."


class TelegramNotConfigured(NotConfigured):
    message = "The Telegram bot is not set up on this server yet."


class TelegramNotLinked(Conflict):
    message = "Link your Telegram first: ask for a code and send it to the bot."


class NoPhoneForSms(Conflict):
    message = "Your account has no phone number to send SMS to."
