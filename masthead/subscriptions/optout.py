"""One-click "stop sending me these" for the mail a reader did not ask for:
win-back offers and the digest of stories a sleeping subscriber missed.

The link works without signing in (RFC 8058: a mail client may post to it),
so the token itself is the authority: a signed (reader, kind) pair with a
salt of its own, so no other signed value of the site passes for one. It
does not expire: a link in an old mail must still stop the mail.
"""

from django.core import signing
from django.db import IntegrityError, transaction
from django.urls import reverse

from masthead.core.errors import MastheadError
from masthead.core.urls import site_url

from .models import MailKind, MailOptOut

SALT = "masthead.subscriptions.mail-stop"


class StopLinkInvalid(MastheadError):
    code = "stop_link_invalid"


def mail_stop_url(*, user_id: int, kind: MailKind) -> str:
    token = signing.dumps([user_id, str(kind)], salt=SALT, compress=False)
    return site_url() + reverse("subscriptions:mail-stop", args=[token])


def mail_stop_kind(*, token: str) -> tuple[int, MailKind]:
    """The reader and the kind of mail a stop link names; StopLinkInvalid
    for a link cut short or changed."""
    try:
        user_id, kind = signing.loads(token, salt=SALT)
        return int(user_id), MailKind(kind)
    except (signing.BadSignature, ValueError, TypeError):
        raise StopLinkInvalid(
            message="This link is not valid: it may have been cut short or changed. Nothing was changed."
        ) from None


def mail_stop(*, token: str) -> MailKind:
    """Record the opt-out a stop link names (again: a second click is fine);
    StopLinkInvalid, and nothing recorded, for a link cut short or changed."""
    user_id, kind = mail_stop_kind(token=token)
    try:
        with transaction.atomic():
            MailOptOut.objects.get_or_create(user_id=user_id, kind=kind)
    except IntegrityError:
        pass  # a second click racing the first, or the account is gone
    return kind


def mail_opt_outs(*, user_id: int) -> list[MailOptOut]:
    """The mail this reader has stopped, for their account page, oldest first."""
    return list(MailOptOut.objects.filter(user_id=user_id).order_by("created_at", "pk"))


class MailKindUnknown(MastheadError):
    code = "mail_kind_unknown"


def mail_send_again(*, user_id: int, kind: str) -> MailKind:
    """The reader asks for mail they stopped ("Send these again"): its opt-out
    goes, and every sender of that kind writes to them again. Asking again,
    or for mail never stopped, changes nothing; MailKindUnknown, and nothing
    changed, for a kind that is not one a stop link can stop."""
    try:
        kind = MailKind(kind)
    except ValueError:
        raise MailKindUnknown(message="We do not send that kind of e-mail. Nothing was changed.") from None
    MailOptOut.objects.filter(user_id=user_id, kind=kind).delete()
    return kind


def mail_opted_out(*, user_id: int, kind: MailKind) -> bool:
    return MailOptOut.objects.filter(user_id=user_id, kind=kind).exists()


def mail_stop_headers(url: str) -> dict[str, str]:
    """The headers that give mail clients a one-click unsubscribe button."""
    return {"List-Unsubscribe": f"<{url}>", "List-Unsubscribe-Post": "List-Unsubscribe=One-Click"}
