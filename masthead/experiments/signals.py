from django.contrib.auth.signals import user_logged_in
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from masthead.access.readers import reader_key, signing_in_reader_id

from .models import Arm, Experiment
from .services import exposure_link, forget_running_experiments, second_account_held


@receiver(user_logged_in)
def link_browser_exposures(sender, request, user, **kwargs):
    """The arm a reader met before logging in (in this browser, or
    anonymously in this app) is the account's from now on, and the
    account's payment converts it."""
    if request is None:
        return
    anonymous_id = signing_in_reader_id(request)
    if anonymous_id:
        browser = reader_key(user=None, anonymous_id=anonymous_id)
        second_account_held(anonymous_reader=browser, user=user)  # before the browser becomes this account's
        exposure_link(anonymous_reader=browser, user=user)


@receiver(post_save, sender=Experiment)
@receiver(post_delete, sender=Experiment)
@receiver(post_save, sender=Arm)
@receiver(post_delete, sender=Arm)
def experiments_changed(sender, **kwargs):
    """This process sees the change at once; others within RUNNING_SECONDS."""
    forget_running_experiments()
