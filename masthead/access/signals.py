from django.contrib.auth.signals import user_logged_in, user_logged_out
from django.dispatch import receiver

from masthead.metering.services import meter_merge

from .readers import anonymous_id_from, reader_key


@receiver(user_logged_in)
def merge_anonymous_meter(sender, request, user, **kwargs):
    """The articles read before logging in count for the account, once."""
    if request is None:
        return
    anonymous_id = anonymous_id_from(request)
    if anonymous_id:
        meter_merge(
            from_reader=reader_key(user=None, anonymous_id=anonymous_id),
            to_reader=reader_key(user=user, anonymous_id=None),
        )


@receiver(user_logged_out)
def carry_account_meter_back(sender, request, user, **kwargs):
    """The account's month goes back into the browser's (never above an
    account's limit), so a second account signed up from this browser starts
    where this one stopped: signing up again opens no more free articles. A
    browser without a reader cookie is a new reader anyway."""
    if request is None or user is None:
        return
    anonymous_id = anonymous_id_from(request)
    if anonymous_id:
        meter_merge(
            from_reader=reader_key(user=user, anonymous_id=None),
            to_reader=reader_key(user=None, anonymous_id=anonymous_id),
        )
