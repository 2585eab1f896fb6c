"""The win-back job reads its list of readers once and then mails them one
by one, over SMTP, without looking again. A reader on that list who
subscribes again at the full price while the run is mailing the readers
before them is still mailed "come back to us" at a discount: the claim
(`WinbackSend`) is written without asking whether the reader still
qualifies.

With thousands of lapsed readers a run takes minutes, so this is not a
narrow window: a reader who just paid full price is sent a cheaper price for
what they bought (and the one win-back mail they will ever get is spent).
Expected: each reader is checked again when their mail is claimed, so the
reader who came back is not mailed."""

from datetime import timedelta

import pytest
from django.utils import timezone

from masthead.payments.models import Payment, PaymentStatus
from masthead.subscriptions import mail
from masthead.subscriptions.models import (
    Subscription,
    SubscriptionStatus,
    WinbackSettings,
)
from masthead.subscriptions.winback import winback_send_due
from masthead.testing.subscriptions import make_offer, make_plan

NOW = timezone.now().replace(microsecond=0)
S = SubscriptionStatus


def _subscription(user, plan, *, status, ended_at, key):
    subscription = Subscription.objects.create(
        user=user, plan=plan, status=status, price_minor=plan.price_minor, term_months=3, term_number=1,
        started_at=ended_at - timedelta(days=90), term_start=ended_at - timedelta(days=90), term_end=ended_at,
        ended_at=ended_at if status == S.ENDED else None,
    )  # fmt: skip
    Payment.objects.create(
        subscription=subscription, term_number=1, charge_key=f"atkwin-{key}", provider="fake",
        amount_minor=plan.price_minor, status=PaymentStatus.SUCCEEDED, succeeded_at=ended_at - timedelta(days=90),
    )  # fmt: skip
    return subscription


@pytest.mark.django_db(transaction=True)
@pytest.mark.xfail(strict=True, reason="winback_send claims a reader from the run's first read of the list")
def test_a_reader_who_subscribes_again_while_the_run_mails_others_is_not_mailed(smtp, django_user_model, monkeypatch):
    plan = make_plan(name="Smart Quarterly", slug="smart-quarterly", price_minor=900_00, term_months=3)
    offer = make_offer(plan, name="Come back offer", code="BACK50", starts_at=NOW - timedelta(days=90))
    WinbackSettings(is_on=True, offer=offer, days_after=30).save()
    asha = django_user_model.objects.create_user(username="asha", email="asha@example.test", password="x" * 20)
    ravi = django_user_model.objects.create_user(username="ravi", email="ravi@example.test", password="x" * 20)
    # Asha's ending is the older, so she is mailed first.
    _subscription(asha, plan, status=S.ENDED, ended_at=NOW - timedelta(days=31), key="asha")
    _subscription(ravi, plan, status=S.ENDED, ended_at=NOW - timedelta(days=30, hours=1), key="ravi")
    mailing = mail.winback_offer_send

    def while_asha_is_mailed(**kwargs):
        if kwargs["subscription"].user_id == asha.pk:
            _subscription(ravi, plan, status=S.ACTIVE, ended_at=NOW + timedelta(days=90), key="ravi-again")
        return mailing(**kwargs)

    monkeypatch.setattr(mail, "winback_offer_send", while_asha_is_mailed)

    assert winback_send_due(now=NOW) == 1
    assert len(smtp.for_address("asha@example.test")) == 1
    assert smtp.for_address("ravi@example.test") == []
