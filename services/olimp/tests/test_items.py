"""The sample domain through HTTP, as a signed-in user would use it, and the attacks next to it."""

from httpx import AsyncClient

from alif.testing import LoginAs

ITEMS = "/api/olimp/items"


async def test_a_user_adds_lists_reads_and_removes_an_item(login_as: LoginAs) -> None:
    user = await login_as()
    added = await user.post(ITEMS, json={"title": "  Birinchi  "})
    assert added.status_code == 201
    item = added.json()
    assert item["title"] == "Birinchi"

    listed = (await user.get(ITEMS)).json()
    assert listed["total"] == 1
    assert [i["id"] for i in listed["items"]] == [item["id"]]
    assert (await user.get(f"{ITEMS}/{item['id']}")).json() == item

    assert (await user.delete(f"{ITEMS}/{item['id']}")).status_code == 204
    gone = await user.get(f"{ITEMS}/{item['id']}")
    assert gone.status_code == 404
    assert gone.json()["error"]["code"] == "item_not_found"


async def test_adding_the_same_title_again_answers_with_the_first_item(login_as: LoginAs) -> None:
    user = await login_as()
    first = (await user.post(ITEMS, json={"title": "Oʻyinlar"})).json()
    again = await user.post(ITEMS, json={"title": "o'yinlar"})
    assert again.status_code == 201
    assert again.json()["id"] == first["id"]
    assert (await user.get(ITEMS)).json()["total"] == 1


async def test_another_users_item_is_not_found(login_as: LoginAs) -> None:
    owner = await login_as()
    other = await login_as()
    item = (await owner.post(ITEMS, json={"title": "Meniki"})).json()

    assert (await other.get(f"{ITEMS}/{item['id']}")).status_code == 404
    assert (await other.delete(f"{ITEMS}/{item['id']}")).status_code == 404
    assert (await other.get(ITEMS)).json()["total"] == 0
    assert (await owner.get(f"{ITEMS}/{item['id']}")).status_code == 200


async def test_items_need_a_signed_in_user(client: AsyncClient) -> None:
    response = await client.get(ITEMS)
    assert response.status_code == 401


async def test_a_bad_title_or_an_unknown_field_is_refused(login_as: LoginAs) -> None:
    user = await login_as()
    for body in ({"title": "   "}, {"title": "x" * 121}, {"title": "a", "owner_id": str(user.id)}):
        response = await user.post(ITEMS, json=body)
        assert response.status_code == 422
        assert response.json()["error"]["code"] == "validation_error"
    assert (await user.get(ITEMS)).json()["total"] == 0
