"""Errors the domain raises, each with a stable code for views and the API."""


class MastheadError(Exception):
    code = "error"

    def __init__(self, code: str | None = None, message: str = ""):
        self.code = code or self.code
        self.message = message or self.code
        super().__init__(self.message)


class InvalidOperation(MastheadError):
    """The request makes sense but cannot be done in the current state."""

    code = "invalid_operation"


class NotFound(MastheadError):
    code = "not_found"
