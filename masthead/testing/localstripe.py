"""localstripe, with Stripe's idempotency keys.

Stripe answers a POST that repeats an ``Idempotency-Key`` with the response it
gave the first time, and refuses the key with other parameters; localstripe
ignores the header and would make a second PaymentIntent. The adapter's
promise that a repeated charge key never charges twice rests on Stripe's
behaviour, so the tests run localstripe with it added:

    python -m masthead.testing.localstripe --port 8420 --from-scratch
"""

import hashlib

from aiohttp import web
from localstripe import server

# key -> (what was asked, status, body, content type); forgotten with localstripe's data.
_answered: dict[str, tuple[str, int, bytes, str]] = {}
_in_progress: set[str] = set()


def _stripe_error(status: int, kind: str, message: str) -> web.Response:
    return web.json_response({"error": {"type": kind, "message": message}}, status=status)


@web.middleware
async def idempotency_middleware(request: web.Request, handler) -> web.StreamResponse:
    if request.method == "DELETE" and request.path == "/_config/data":
        _answered.clear()
    key = request.headers.get("Idempotency-Key", "")
    if request.method != "POST" or not key:
        return await handler(request)
    asked = hashlib.sha256(request.path.encode() + b"\0" + await request.read()).hexdigest()
    if key in _answered:
        first_asked, status, body, content_type = _answered[key]
        if first_asked != asked:
            return _stripe_error(
                400,
                "idempotency_error",
                "Keys for idempotent requests can only be used with the same parameters they were first used with.",
            )
        replay = web.Response(status=status, body=body, content_type=content_type)
        replay.headers["Idempotent-Replayed"] = "true"
        return replay
    if key in _in_progress:
        # Stripe's answer to a concurrent request with the same key; its SDKs retry a 409.
        return _stripe_error(409, "idempotency_error", "There is currently another in-progress request using this key.")
    _in_progress.add(key)
    try:
        response = await handler(request)
        # Stripe keeps the outcome of a request that ran, not of one refused before it began.
        if isinstance(response, web.Response) and response.status < 500 and response.status not in (401, 409, 429):
            _answered[key] = (asked, response.status, response.body or b"", response.content_type)
        return response
    finally:
        _in_progress.discard(key)


def start() -> None:
    server.app.middlewares.insert(0, idempotency_middleware)
    server.start()


if __name__ == "__main__":
    start()
