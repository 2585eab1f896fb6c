"""Links given before gifts recorded their term learn it when the schema
changes (migration 0002), so a later refund takes them back too."""

import importlib
from datetime import timedelta

import pytest
import time_machine
from django.apps import apps
from django.utils import timezone

from masthead.gifts.models import GiftLink
from masthead.subscriptions.models import SubscriptionStatus as S
from masthead.subscriptions.services import subscription_activate, subscription_begin
from masthead.subscriptions.states import subscription_move
from masthead.testing.newsroom import make_story_with_hidden_sentence
from masthead.testing.subscriptions import make_plan

pytestmark = pytest.mark.django_db

backfill = importlib.import_module("masthead.gifts.migrations.0002_gift_term").gifts_onto_their_terms


def _older_gift(giver, token, now):
    # As gift_create wrote them before: no subscription, no term.
    return GiftLink.objects.create(token=token, article=make_story_with_hidden_sentence(), giver=giver,
                                   created_at=now, expires_at=now + timedelta(days=14))  # fmt: skip


def test_older_links_learn_the_term_they_were_made_in(django_user_model):
    giver = django_user_model.objects.create_user(username="ravi", email="ravi@example.test", password="x" * 20)
    start = timezone.now()
    subscription = subscription_activate(subscription=subscription_begin(user=giver, plan=make_plan(term_months=1)))
    in_first = _older_gift(giver, "first", start + timedelta(days=25))
    first_end = subscription.term_end
    with time_machine.travel(first_end, tick=False):
        subscription_move(subscription=subscription, to=S.ACTIVE, reason="renewed", term_number=2,
                          term_start=timezone.now(), term_end=timezone.now() + timedelta(days=30))  # fmt: skip
    with time_machine.travel(first_end + timedelta(days=2), tick=False):
        in_second = _older_gift(giver, "second", timezone.now() - timedelta(days=1))
        backfill(apps, None)
    in_first.refresh_from_db()
    in_second.refresh_from_db()
    assert (in_first.subscription_id, in_first.term_number) == (subscription.pk, 1)
    assert (in_second.subscription_id, in_second.term_number) == (subscription.pk, 2)


def test_a_link_given_under_complimentary_access_stands_on_no_term(django_user_model):
    guest = django_user_model.objects.create_user(username="guest", email="g@example.test", password="x" * 20)
    gift = _older_gift(guest, "guest", timezone.now())
    backfill(apps, None)
    gift.refresh_from_db()
    assert gift.subscription_id is None and gift.term_number is None
