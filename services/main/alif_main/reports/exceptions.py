from alif.errors import BadRequest


class InvalidWeek(BadRequest):
    message = "The week must look like 2026-W49."
