"""Why an input log cannot be replayed. Both engines use the same reason codes (docs/games.md)."""


class InvalidLog(ValueError):
    """The log breaks a rule of the engine: it cannot come from an honest client."""

    def __init__(self, reason: str, index: int | None = None) -> None:
        self.reason = reason
        self.index = index  # the offending input's position in the log, when there is one
        where = f" (input {index})" if index is not None else ""
        super().__init__(f"{reason}{where}")
