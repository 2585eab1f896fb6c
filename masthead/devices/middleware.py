from django.conf import settings

from .services import device_seen


class DeviceActivityMiddleware:
    """Keeps each signed-in browser's "last seen" roughly current (at most one
    write per device every few minutes). Requests without a session cookie,
    such as most article views, pass straight through."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if settings.SESSION_COOKIE_NAME in request.COOKIES:
            session = getattr(request, "session", None)
            key = session.session_key if session is not None else None
            if key and request.user.is_authenticated:
                device_seen(request, session_key=key)
        return response
