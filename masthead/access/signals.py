from django.contrib.auth.signals import user_logged_in
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
