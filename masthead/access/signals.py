from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver

from masthead.metering.rules import current_rules
from masthead.metering.services import meter_merge

from .readers import anonymous_id_from


@receiver(user_logged_in)
def merge_anonymous_meter(sender, request, user, **kwargs):
    """The articles read before logging in count for the account, once."""
    if request is None:
        return
    anonymous_id = anonymous_id_from(request)
    if anonymous_id:
        meter_merge(from_reader=f"a:{anonymous_id}", to_reader=f"u:{user.pk}", rules=current_rules())
