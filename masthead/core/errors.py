"""Errors the domain raises, each with a stable code for views and the API,
and the one JSON shape an error takes wherever JSON is answered."""

from django.http import JsonResponse


def error_json(status: int, code: str, message: str) -> JsonResponse:
    """``{"code": ..., "message": ...}``: codes are stable, messages for people."""
    return JsonResponse({"code": code, "message": message}, status=status)


class MastheadError(Exception):
    code = "error"

    def __init__(self, code: str | None = None, message: str = ""):
        self.code = code or self.code
        self.message = message or self.code
        super().__init__(self.message)


class InvalidOperation(MastheadError):
    """The request makes sense but cannot be done in the current state."""

    code = "invalid_operation"


class InvalidTransition(MastheadError):
    """A status move its state machine does not allow from the state the record is in."""

    code = "invalid_transition"


class NotFound(MastheadError):
    code = "not_found"
