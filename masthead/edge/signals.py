"""Revocations the edge hears of at once, and purges for the meter's rules
(a story's own changes are the newsroom's to purge: it knows when one
changed). Whatever ends reading without a save (a
term simply running out) reaches the edge when the token does, within
MASTHEAD_EDGE_ENTITLEMENT_SECONDS."""

from allauth.usersessions.models import UserSession
from django.contrib.auth import get_user_model
from django.contrib.auth.signals import user_logged_in, user_logged_out
from django.db.models.signals import post_delete, post_save, pre_save
from django.dispatch import receiver

from masthead.metering.models import MeterSettings
from masthead.metering.app_settings import app_settings as meter_settings
from masthead.subscriptions.entitlement import is_subscriber
from masthead.subscriptions.models import Subscription

from .middleware import RECEIPT_STALE
from .services import edge_on, purge_every_story, revoke_account, revoke_receipts


@receiver(user_logged_out, dispatch_uid="edge.signed_out")
def revoke_signed_out(sender, request, user, **kwargs):
    """Every token of the account, not only this session's: a session's key
    changes (a password change cycles it), so a token may name an older one.
    Its other devices pay one trip to the origin for a new token. The
    browser's receipt goes too (middleware.py)."""
    if user is not None:
        revoke_account(user.pk)
    if request is not None:
        setattr(request, RECEIPT_STALE, True)


@receiver(user_logged_in, dispatch_uid="edge.signed_in")
def forget_receipt_signed_in(sender, request, user, **kwargs):
    """The account's meter judges the browser now (middleware.py)."""
    if request is not None:
        setattr(request, RECEIPT_STALE, True)


@receiver(post_delete, sender=UserSession, dispatch_uid="edge.device_signed_out")
def revoke_ended_device(sender, instance, **kwargs):
    """A device signed out from the account page, by the device limit or by
    a password change."""
    revoke_account(instance.user_id)


@receiver(pre_save, sender=Subscription, dispatch_uid="edge.subscription_changing")
def remember_subscription_before(sender, instance, **kwargs):
    if instance.pk is not None and edge_on():
        instance._edge_status_before = sender.objects.filter(pk=instance.pk).values_list("status", flat=True).first()


@receiver(post_save, sender=Subscription, dispatch_uid="edge.subscription_changed")
def revoke_when_no_longer_reading(sender, instance, created, **kwargs):
    """A refund, a chargeback, a cancellation taking effect, a lapse: once the
    account no longer reads as a subscriber, its tokens stop at once. Any
    move of a subscription's status (one starting, pausing, ending) also
    ends the receipts of browsers reading by the account's arm: an account
    with a subscription leaves them out of its experiments."""
    if not edge_on():
        return
    before = instance.__dict__.pop("_edge_status_before", None)
    if created or before != instance.status or not is_subscriber(instance.user):
        revoke_account(instance.user_id)


# What of an account, changed, ends its tokens: a password change (which
# signs its other devices out), closing it, complimentary access taken away;
# and the receipts of browsers it signed in on, which read by its arm until
# it becomes a subscriber or staff.
_ACCOUNT_FIELDS = ("password", "is_active", "complimentary_access", "is_staff")


@receiver(pre_save, sender=get_user_model(), dispatch_uid="edge.account_changing")
def remember_account_before(sender, instance, update_fields=None, **kwargs):
    if instance.pk is None or not edge_on() or (update_fields is not None and not set(update_fields) & set(_ACCOUNT_FIELDS)):
        return
    instance._edge_before = sender.objects.filter(pk=instance.pk).values_list(*_ACCOUNT_FIELDS).first()


@receiver(post_save, sender=get_user_model(), dispatch_uid="edge.account_changed")
def revoke_changed_account(sender, instance, **kwargs):
    """A token issued before is refused; where the account still reads, the
    origin gives a new one with the next page it serves."""
    before = instance.__dict__.pop("_edge_before", None)
    if before is not None and before != tuple(getattr(instance, field) for field in _ACCOUNT_FIELDS):
        revoke_account(instance.pk)


@receiver(post_delete, sender=get_user_model(), dispatch_uid="edge.account_deleted")
def revoke_deleted_account(sender, instance, **kwargs):
    """A closed account's tokens, and the receipts of browsers that read by
    its arm (they read by their own once it is gone), whether or not any of
    its sessions were left to end."""
    revoke_account(instance.pk)


@receiver(post_save, sender=MeterSettings, dispatch_uid="edge.meter_rules_changed")
def purge_when_the_meter_changes(sender, **kwargs):
    """A new archive age moves stories in or out of the meter's judgement:
    no page kept under the old rules may be served; a new allowance makes
    the walls readers' receipts name wrong. Other web processes decide from
    their copy of the rules for a few seconds more."""
    purge_every_story()
    revoke_receipts(copies_kept_seconds=meter_settings.METER_RULES_SECONDS)
