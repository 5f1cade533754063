from alif.errors import BadRequest, NotFound


class GroupNotFound(NotFound):
    message = "This class or group was not found."


class OrganizationNotFound(NotFound):
    message = "This school or learning centre was not found."


class OneScopeOnly(BadRequest):
    message = "Ask for a class or a school, not both."
