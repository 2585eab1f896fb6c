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

from masthead.subscriptions import mail
from masthead.subscriptions.models import Subscription, SubscriptionStatus
from masthead.subscriptions.winback import winback_send_due
from masthead.testing.winback import paid_and_ended, term_paid, winback_switched_on

NOW = timezone.now().replace(microsecond=0)


@pytest.mark.django_db(transaction=True)
def test_a_reader_who_subscribes_again_while_the_run_mails_others_is_not_mailed(smtp, django_user_model, monkeypatch):
    plan = winback_switched_on(NOW).plans.get()
    asha = django_user_model.objects.create_user(username="asha", email="asha@example.test", password="x" * 20)
    ravi = django_user_model.objects.create_user(username="ravi", email="ravi@example.test", password="x" * 20)
    # Asha's ending is the older, so she is mailed first.
    paid_and_ended(asha, plan, ended_at=NOW - timedelta(days=31))
    paid_and_ended(ravi, plan, ended_at=NOW - timedelta(days=30, hours=1))
    mailing = mail.winback_offer_send

    def while_asha_is_mailed(**kwargs):
        if kwargs["subscription"].user_id == asha.pk:
            again = Subscription.objects.create(
                user=ravi, plan=plan, status=SubscriptionStatus.ACTIVE, price_minor=plan.price_minor, term_months=3,
                term_number=1, started_at=NOW, term_start=NOW, term_end=NOW + timedelta(days=90),
            )  # fmt: skip
            term_paid(again, 1, NOW)
        return mailing(**kwargs)

    monkeypatch.setattr(mail, "winback_offer_send", while_asha_is_mailed)

    assert winback_send_due(now=NOW) == 1
    assert len(smtp.for_address("asha@example.test")) == 1
    assert smtp.for_address("ravi@example.test") == []
