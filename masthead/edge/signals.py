"""Revocations the edge hears of at once (purges are the newsroom's to send:
it knows when a story changed). A cancellation or lapse needs none: the
subscriber's token runs out within MASTHEAD_EDGE_ENTITLEMENT_SECONDS."""

from allauth.usersessions.models import UserSession
from django.contrib.auth import get_user_model
from django.contrib.auth.signals import user_logged_out
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from masthead.subscriptions.entitlement import is_subscriber
from masthead.subscriptions.models import Subscription

from .services import edge_on, revoke_account, revoke_session


@receiver(user_logged_out, dispatch_uid="edge.signed_out")
def revoke_signed_out_session(sender, request, user, **kwargs):
    session = getattr(request, "session", None)
    if session is not None and session.session_key:
        revoke_session(session.session_key)


@receiver(post_delete, sender=UserSession, dispatch_uid="edge.device_signed_out")
def revoke_ended_device(sender, instance, **kwargs):
    """A device signed out from the account page, or by the device limit."""
    revoke_session(instance.session_key)


@receiver(post_save, sender=Subscription, dispatch_uid="edge.subscription_changed")
def revoke_when_no_longer_reading(sender, instance, **kwargs):
    """A refund, a chargeback, a cancellation taking effect, a lapse: once the
    account no longer reads as a subscriber, its tokens stop at once."""
    if edge_on() and not is_subscriber(instance.user):
        revoke_account(instance.user_id)


@receiver(post_save, sender=get_user_model(), dispatch_uid="edge.account_changed")
def revoke_closed_account(sender, instance, update_fields=None, **kwargs):
    """A closed account, or complimentary access taken away (not a log-in,
    which only stamps last_login)."""
    if not edge_on() or update_fields == frozenset({"last_login"}):
        return
    if not instance.is_active or not is_subscriber(instance):
        revoke_account(instance.pk)
