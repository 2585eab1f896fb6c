"""Unsubscribe tokens: a signed (reader, newsletter) pair.

The link in every issue works without signing in, so the token itself is the
authority: signed with the site's secret and a salt of its own, so no other
signed value of the site can pass for one. It does not expire: an
unsubscribe link in a year-old mail must still work.
"""

from dataclasses import dataclass

from django.core import signing

from masthead.core.errors import MastheadError

SALT = "masthead.newsletters.unsubscribe"


class TokenInvalid(MastheadError):
    code = "token_invalid"


@dataclass(frozen=True)
class UnsubscribeClaim:
    user_id: int
    newsletter_id: int


def unsubscribe_token(*, user_id: int, newsletter_id: int) -> str:
    return signing.dumps([user_id, newsletter_id], salt=SALT, compress=False)


def unsubscribe_token_read(token: str) -> UnsubscribeClaim:
    try:
        user_id, newsletter_id = signing.loads(token, salt=SALT)
        return UnsubscribeClaim(int(user_id), int(newsletter_id))
    except (signing.BadSignature, ValueError, TypeError):
        raise TokenInvalid(
            message="This unsubscribe link is not valid: it may have been cut short or changed. "
            "Log in and choose your newsletters on your account page instead."
        ) from None
