"""Staff close a reader's account in the admin, at the reader's request or
for abuse (Django's "active" unticked: no signing in, no app API). The reader had a paid
subscription that ended, or one still running that they no longer read.

Thirty days on, the win-back job mails the closed account "come back" at a
discount, and the sleeping-subscriber job mails it the stories it missed:
neither asks whether the account is active. The newsletter sender does
(newsletters/services.py plans recipients with ``user__is_active=True``), so
these two are the only mail that still reaches a closed account, marketing
mail at that. Expected: an inactive account is mailed neither."""

from datetime import timedelta

import pytest
from django.utils import timezone

from masthead.newsletters.sleeping import sleeping_digests_send
from masthead.subscriptions.models import Subscription, SubscriptionStatus
from masthead.subscriptions.winback import winback_send_due
from masthead.testing.newsroom import make_article
from masthead.testing.subscriptions import make_plan
from masthead.testing.winback import paid_and_ended, winback_switched_on

pytestmark = pytest.mark.django_db
NOW = timezone.now().replace(microsecond=0)


def _closed_account(django_user_model):
    reader = django_user_model.objects.create_user(username="asha", email="asha@example.test", password="x" * 20)
    reader.is_active = False
    reader.save(update_fields=["is_active"])
    return reader


def test_a_closed_account_is_not_mailed_the_win_back_offer(smtp, django_user_model):
    plan = winback_switched_on(NOW).plans.get()
    paid_and_ended(_closed_account(django_user_model), plan, ended_at=NOW - timedelta(days=30, hours=1))

    assert winback_send_due(now=NOW) == 0
    assert smtp.for_address("asha@example.test") == []


def test_a_closed_account_is_not_mailed_the_stories_it_missed(smtp, django_user_model):
    plan = make_plan(price_minor=900_00, term_months=3)
    Subscription.objects.create(
        user=_closed_account(django_user_model), plan=plan, status=SubscriptionStatus.ACTIVE, price_minor=900_00,
        term_months=3, term_number=1, started_at=NOW - timedelta(days=90), term_start=NOW - timedelta(days=30),
        term_end=NOW + timedelta(days=60),
    )  # fmt: skip
    make_article(headline="A story the closed account missed", published_ago=timedelta(days=3))

    assert sleeping_digests_send(now=NOW) == 0
    assert smtp.for_address("asha@example.test") == []
