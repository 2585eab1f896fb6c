"""App tokens and web sessions: both Django sessions, never interchangeable.

An app signs in through allauth's headless API and gets a session token,
which is a session key; a browser gets the same kind of key in its session
cookie. Without a mark, either could be replayed as the other: a token as the
``sessionid`` cookie would open the website (and the account pages) without
ever having signed in there, and a cookie as ``X-Session-Token`` would open
the API, which checks no CSRF token. So app sessions carry a mark, given when
their token is first handed out: the token strategy accepts only marked
sessions, and the web's session middleware drops marked ones.

Sessions are marked when the token is created, so app tokens issued before
this mark existed are refused once: the app signs in again.
"""

from allauth.headless.tokens.strategies.sessions import SessionTokenStrategy
from django.contrib.sessions.middleware import SessionMiddleware

APP_SESSION_MARK = "masthead_app_session"


class AppSessionTokenStrategy(SessionTokenStrategy):
    """allauth's session tokens, valid only for sessions an app signed in to."""

    def create_session_token(self, request) -> str:
        if not request.session.get(APP_SESSION_MARK):
            request.session[APP_SESSION_MARK] = True
            request.session.save()
        return super().create_session_token(request)

    def lookup_session(self, session_token: str):
        session = super().lookup_session(session_token)
        if session is None or not session.get(APP_SESSION_MARK):
            return None
        return session


class WebSessionMiddleware(SessionMiddleware):
    """Django's session middleware, ignoring a cookie that holds an app's session."""

    def process_request(self, request):
        super().process_request(request)
        session = request.session
        if session.session_key is None:
            return  # no cookie: nothing to load, nothing to check
        accessed = session.accessed
        if session.get(APP_SESSION_MARK):
            request.session = self.SessionStore()
        else:
            # Looking at the mark is not the view using the session (which
            # would add "Vary: Cookie").
            session.accessed = accessed
