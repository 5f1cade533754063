from typing import Annotated

from fastapi import APIRouter, Query, status

from alif.auth import CurrentUser
from alif.db import SessionDep
from alif.errors import error_responses
from alif.schemas import Page, PageParams, page_of
from $package.items import service
from $package.items.dependencies import ItemDep
from $package.items.schemas import ItemCreate, ItemRead

router = APIRouter(prefix="/items", tags=["items"])


@router.get("", summary="My items, newest first")
async def list_items(
    user: CurrentUser, db: SessionDep, page: Annotated[PageParams, Query()]
) -> Page[ItemRead]:
    return page_of(await service.list_items(db, user.id, page), page, ItemRead.model_validate)


@router.post(
    "",
    status_code=status.HTTP_201_CREATED,
    summary="Add an item; adding the same title again answers with the one there",
)
async def add_item(data: ItemCreate, user: CurrentUser, db: SessionDep) -> ItemRead:
    return ItemRead.model_validate(await service.add_item(db, user.id, data.title))


@router.get("/{item_id}", responses=error_responses(404), summary="One of my items")
async def read_item(item: ItemDep) -> ItemRead:
    return ItemRead.model_validate(item)


@router.delete(
    "/{item_id}",
    status_code=status.HTTP_204_NO_CONTENT,
    responses=error_responses(404),
    summary="Remove one of my items",
)
async def remove_item(item: ItemDep, db: SessionDep) -> None:
    await service.remove_item(db, item)
