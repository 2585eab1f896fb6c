from allauth.account.signals import user_signed_up
from django.contrib.auth.signals import user_logged_in
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from masthead.edge.services import revoke_receipts

from masthead.access.readers import reader_key, signing_in_reader_id

from .models import Arm, Experiment
from .services import RUNNING_SECONDS, browser_tie, exposure_link, forget_running_experiments, second_account_held


@receiver(user_logged_in)
def tie_browser_to_account(sender, request, user, **kwargs):
    """The browser a reader logs in on (or the app's anonymous reader) reads
    by the account's arm from now on, signed out too; a second account
    starts where the one before stopped."""
    browser = _signing_in_browser(request)
    if browser:
        second_account_held(anonymous_reader=browser, user=user)  # before the browser becomes this account's
        browser_tie(anonymous_reader=browser, user=user)


@receiver(user_signed_up)
def link_browser_exposures(sender, request, user, **kwargs):
    """The arm a reader met before signing up (in this browser, or
    anonymously in this app) is the new account's, and its payment converts
    it. Only at sign-up: an existing account keeps its own arm."""
    browser = _signing_in_browser(request)
    if browser:
        exposure_link(anonymous_reader=browser, user=user)


def _signing_in_browser(request) -> str | None:
    anonymous_id = signing_in_reader_id(request) if request is not None else None
    return reader_key(user=None, anonymous_id=anonymous_id) if anonymous_id else None


@receiver(post_save, sender=Experiment)
@receiver(post_delete, sender=Experiment)
@receiver(post_save, sender=Arm)
@receiver(post_delete, sender=Arm)
def experiments_changed(sender, **kwargs):
    """This process sees the change at once; others within RUNNING_SECONDS.
    The edge replays no wall a reader's receipt names from before: an arm
    may give them another allowance."""
    forget_running_experiments()
    revoke_receipts(copies_kept_seconds=RUNNING_SECONDS)
