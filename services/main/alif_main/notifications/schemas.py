import uuid
from datetime import datetime
from typing import Any

from alif.notifications.messages import Channel, Kind
from alif.schemas import RequestModel, ResponseModel


class NotificationRead(ResponseModel):
    id: uuid.UUID
    kind: str
    title: str
    body: str
    data: dict[str, Any]
    created_at: datetime
    read_at: datetime | None


class NotificationList(ResponseModel):
    items: list[NotificationRead]
    total: int
    limit: int
    offset: int
    unread: int


class MarkRead(RequestModel):
    ids: list[uuid.UUID] | None = None  # None: every notification


class UnreadCount(ResponseModel):
    unread: int


class ChannelState(ResponseModel):
    configured: bool  # the server can send by it
    ready: bool  # ...and this account can receive it (a phone, a linked chat)


class ChannelsRead(ResponseModel):
    in_app: ChannelState
    sms: ChannelState
    telegram: ChannelState


class PreferenceRead(ResponseModel):
    kind: Kind
    channels: list[Channel]


class PreferenceUpdate(RequestModel):
    channels: list[Channel]


class TelegramLinkCodeRead(ResponseModel):
    code: str
    url: str  # opens the bot with the code filled in
    expires_at: datetime
