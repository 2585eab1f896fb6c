"""Every API error is JSON of one shape, ``{"code": ..., "message": ...}``.

Codes are stable: apps branch on them. Messages are for people and may be
reworded. Domain errors (MastheadError) keep their own codes; the rest are
named after the HTTP status.
"""

from django.http import Http404
from ninja import Schema
from ninja.errors import HttpError, ValidationError

from masthead.core.errors import MastheadError, NotFound, error_json

STATUS_CODES = {
    400: "bad_request",
    401: "not_signed_in",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    422: "invalid_request",
    429: "rate_limited",
}
MESSAGES = {
    401: "Log in first: send the X-Session-Token of a logged-in app.",
    403: "You may not do that.",
    404: "Not found.",
    405: "That method is not allowed here.",
    429: "Too many requests; try again in a minute.",
}
# Domain refusals that are about who is asking rather than what was asked.
FORBIDDEN_CODES = frozenset({"not_subscriber", "subscribers_only"})
# A card the reader asked to be charged refused: nothing changed, and the app
# asks for another card (HTTP's "payment required").
PAYMENT_CODES = frozenset({"payment_declined"})


class ErrorOut(Schema):
    code: str
    message: str


class Forbidden(HttpError):
    """A refusal with its own stable code (e.g. an e-paper page for subscribers)."""

    def __init__(self, code: str, message: str):
        super().__init__(403, message)
        self.code = code


def status_of(error: MastheadError) -> int:
    if isinstance(error, NotFound):
        return 404
    if error.code in FORBIDDEN_CODES:
        return 403
    if error.code in PAYMENT_CODES:
        return 402
    return 400


def validation_message(errors: list[dict]) -> str:
    """ninja's (pydantic's) errors as one sentence: where, and what is wrong."""
    parts = []
    for error in errors[:5]:
        where = ".".join(str(part) for part in error.get("loc", ()) if part not in ("query", "path", "body", "header"))
        parts.append(f"{where}: {error.get('msg', 'invalid')}" if where else str(error.get("msg", "invalid")))
    return "; ".join(parts) or "The request is not valid."


def install_error_handlers(api) -> None:
    def on_masthead_error(request, error: MastheadError):
        return error_json(status_of(error), error.code, error.message)

    def on_not_found(request, error: Http404):
        message = str(error) or MESSAGES[404]
        return error_json(404, getattr(error, "code", "not_found"), message)

    def on_http_error(request, error: HttpError):
        status = error.status_code
        code = getattr(error, "code", None) or STATUS_CODES.get(status, "error")
        # ninja's own messages ("Unauthorized") give way to ones that say what to do.
        message = str(error) if isinstance(error, Forbidden) else MESSAGES.get(status, str(error))
        return error_json(status, code, message)

    def on_validation_error(request, error: ValidationError):
        return error_json(422, "invalid_request", validation_message(error.errors))

    api.add_exception_handler(MastheadError, on_masthead_error)
    api.add_exception_handler(Http404, on_not_found)
    api.add_exception_handler(HttpError, on_http_error)
    api.add_exception_handler(ValidationError, on_validation_error)


class ApiNotFound(Http404):
    def __init__(self, code: str, message: str):
        super().__init__(message)
        self.code = code
