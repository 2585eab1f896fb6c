from django.contrib.auth.signals import user_logged_in, user_logged_out
from django.dispatch import receiver

from masthead.metering.services import meter_carry_back, meter_merge

from .readers import reader_key, signing_in_reader_id


@receiver(user_logged_in)
def merge_anonymous_meter(sender, request, user, **kwargs):
    """The articles read before logging in (in this browser, or anonymously
    in this app) count for the account, once."""
    if request is None:
        return
    anonymous_id = signing_in_reader_id(request)
    if anonymous_id:
        meter_merge(
            from_reader=reader_key(user=None, anonymous_id=anonymous_id),
            to_reader=reader_key(user=user, anonymous_id=None),
        )


@receiver(user_logged_out)
def carry_account_meter_back(sender, request, user, **kwargs):
    """The account's count goes back into the browser's or app's month (never
    above an account's limit), so a second account signed up from it starts
    where this one stopped: signing up again opens no more free articles.
    Only the count, never which articles (metering/carried.py): the next
    person at a shared computer cannot tell what the account read. A
    browser without a reader cookie (an app without X-Reader) is a new
    reader anyway."""
    if request is None or user is None:
        return
    anonymous_id = signing_in_reader_id(request)
    if anonymous_id:
        meter_carry_back(
            from_reader=reader_key(user=user, anonymous_id=None),
            to_reader=reader_key(user=None, anonymous_id=anonymous_id),
        )
