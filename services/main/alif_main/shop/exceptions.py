from alif.errors import Conflict, NotFound


class ShopItemNotFound(NotFound):
    message = "This item is not in the shop."


class ItemAlreadyOwned(Conflict):
    message = "You already have this item."


class ItemCodeTaken(Conflict):
    message = "An item with this code already exists."


class ItemNotOwned(NotFound):
    message = "You do not have this item."
