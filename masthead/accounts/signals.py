"""Sign-ups that began on the registration wall, for the paywall's funnel.

The wall's form carries a signed marker naming its story (access/wall.py).
At sign-up it is kept in the reader's session; when the new account's
address is confirmed (the account exists and can be used), the funnel hears
"registered from the wall" once, and the marker is gone. A site that does not
make readers confirm their address (MASTHEAD_EMAIL_VERIFICATION) counts the
sign-up itself, as the account is usable at once. A sign-up with an
address that already has an account creates nothing, so it counts nothing.
"""

from allauth.account import app_settings as allauth_settings
from allauth.account.signals import email_confirmed, user_signed_up
from django.dispatch import receiver

from masthead.access.funnel import registered_from_wall
from masthead.access.wall import WALL_FIELD, wall_article

SESSION_KEY = "masthead.registration_wall"


@receiver(user_signed_up)
def sign_up_from_wall_noted(sender, request, user, **kwargs):
    if request is None or request.method != "POST":
        return
    article_id = wall_article(request.POST.get(WALL_FIELD))
    if article_id is None:
        return
    if allauth_settings.EMAIL_VERIFICATION == allauth_settings.EmailVerificationMethod.MANDATORY:
        request.session[SESSION_KEY] = [user.pk, article_id]
    else:
        registered_from_wall(article_id=article_id)


@receiver(email_confirmed)
def sign_up_from_wall_confirmed(sender, request, email_address, **kwargs):
    if request is None or not hasattr(request, "session"):
        return
    noted = request.session.pop(SESSION_KEY, None)
    if isinstance(noted, list) and len(noted) == 2 and noted[0] == email_address.user_id:
        registered_from_wall(article_id=noted[1])
