import uuid
from datetime import datetime

from pydantic import Field

from alif.schemas import RequestModel, ResponseModel


class ItemCreate(RequestModel):
    title: str = Field(min_length=1, max_length=120)


class ItemRead(ResponseModel):
    id: uuid.UUID
    title: str
    created_at: datetime
