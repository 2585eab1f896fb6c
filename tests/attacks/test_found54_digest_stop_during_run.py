"""A sleeping subscriber presses "stop" on last month's stories-missed mail
(or in the mail program's one-click unsubscribe) while this month's run is
mailing the sleepers before them. The run read its list of readers once, at
the start, and claims each reader's digest without asking again, so the
reader who just said "stop" is mailed the digest anyway — a few moments
after the page told them it would not happen again.

With many sleeping subscribers a run takes minutes. Expected: the stop is
honoured by a run already under way (the reader is checked again when their
digest is claimed)."""

from datetime import timedelta

import pytest
from django.utils import timezone

from masthead.newsletters import sleeping
from masthead.subscriptions.models import (
    MailKind,
    MailOptOut,
    Subscription,
    SubscriptionStatus,
)
from masthead.testing.newsroom import make_article
from masthead.testing.subscriptions import make_plan

NOW = timezone.now().replace(microsecond=0)


def _sleeper(django_user_model, name, plan):
    reader = django_user_model.objects.create_user(username=name, email=f"{name}@example.test", password="x" * 20)
    Subscription.objects.create(
        user=reader, plan=plan, status=SubscriptionStatus.ACTIVE, price_minor=plan.price_minor, term_months=3,
        term_number=1, started_at=NOW - timedelta(days=90), term_start=NOW - timedelta(days=30),
        term_end=NOW + timedelta(days=60),
    )  # fmt: skip
    return reader


@pytest.mark.django_db(transaction=True)
def test_a_stop_pressed_while_the_run_mails_others_is_honoured(smtp, django_user_model, monkeypatch):
    plan = make_plan(price_minor=900_00, term_months=3)
    asha = _sleeper(django_user_model, "asha", plan)  # mailed first (the list is in the readers' order)
    ravi = _sleeper(django_user_model, "ravi", plan)
    make_article(headline="A story both missed", published_ago=timedelta(days=3))
    mailing = sleeping._mail

    def while_asha_is_mailed(*, user, stories):
        if user.pk == asha.pk:
            MailOptOut.objects.create(user=ravi, kind=MailKind.SLEEPING_DIGEST)
        return mailing(user=user, stories=stories)

    monkeypatch.setattr(sleeping, "_mail", while_asha_is_mailed)

    assert sleeping.sleeping_digests_send(now=NOW) == 1
    assert len(smtp.for_address("asha@example.test")) == 1
    assert smtp.for_address("ravi@example.test") == []
