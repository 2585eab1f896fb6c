"""Who is calling the API: an app's session token, and nothing else.

Apps sign in through allauth's headless API and send ``X-Session-Token`` on
every request. A browser's session cookie is deliberately not accepted here:
the API has no CSRF tokens, so honouring a cookie would let any web page make
a signed-in reader's browser change their newsletters or sign out their
devices. Without cookies there is nothing for a forged request to ride on.
"""

import re

from allauth.headless.contrib.ninja.security import XSessionTokenAuth
from allauth.headless.internal.sessionkit import authenticate_by_x_session_token
from django.contrib.auth.models import AnonymousUser

from masthead.devices.services import device_seen

# Session keys are Django's: lowercase letters and digits. Anything else is
# refused before it is looked up (it could never match, and odd characters
# make poor cache keys).
_SESSION_KEY = re.compile(r"^[a-z0-9]{8,64}$")


class AppTokenAuth(XSessionTokenAuth):
    """allauth's session-token check, plus the device's throttled "last seen".

    ``__call__`` is allauth's, rewritten only to keep the session it finds:
    the device is that session, and ``device_seen`` needs its key.
    """

    openapi_in = "header"
    openapi_name = "X-Session-Token"
    openapi_description = "The session token from POST /api/auth/app/v1/auth/login (meta.session_token)."

    def __call__(self, request):
        request.user = AnonymousUser()  # whatever a session cookie said
        request.api_session_key = None
        token = self.get_session_token(request)
        if not token:
            return AnonymousUser() if self.allow_anonymous_users else None
        result = authenticate_by_x_session_token(token) if _SESSION_KEY.match(token) else None
        # A token that no longer works (signed out, expired) is refused even
        # on public endpoints: the app must learn it is signed out rather
        # than silently read as a stranger.
        if result is None or result.user is None or not result.user.is_active:
            return None
        device_seen(request, session_key=result.session.session_key)
        request.user = result.user
        request.api_session_key = result.session.session_key
        return result.user


class OptionalAppTokenAuth(AppTokenAuth):
    """For public endpoints: anonymous callers welcome, signed-in ones recognised."""

    allow_anonymous_users = True


app_token = AppTokenAuth()
app_token_or_anonymous = OptionalAppTokenAuth()
