"""A subscriber who already paid before an experiment began is counted as
one of its conversions when their next renewal is charged.

What happens: a subscriber opens the site on a new phone before logging in
(the most ordinary way to meet the paywall: "Already subscribed? Log in").
As an anonymous browser they meet the meter, so the browser is exposed to
the running allowance experiment; at log-in that exposure is linked to
their account. When the billing clock later charges their renewal, the
settled-payment listener finds an exposure "made before the payment" and
records a conversion. Nobody converted: the reader was paying all along.

Harm for the publisher: every existing subscriber who logs in on a fresh
browser during the experiment becomes a "conversion" at their next renewal,
so the conversion rates on /desk/experiments/ are inflated by renewals and
the experiment's verdict is read from money the paywall never earned
(docs/desk.md: subscribers are never exposed; a conversion is a reader's
first paid payment).
"""

from datetime import timedelta

import pytest
from django.utils import timezone

from masthead.experiments.models import Conversion, Exposure
from masthead.experiments.selectors import experiment_results
from masthead.experiments.tests.factories import anonymous_ids_in_half, browser_of, make_allowance_experiment
from masthead.payments.models import Payment, PaymentStatus
from masthead.subscriptions import billing
from masthead.testing.metering import set_meter
from masthead.testing.newsroom import make_article
from masthead.testing.stripe import subscribe
from masthead.testing.subscriptions import make_plan

pytestmark = pytest.mark.django_db

KEY = "allowance-renewals"
PASSWORD = "a fine long password"


def test_a_subscribers_renewal_is_not_a_conversion(localstripe, django_user_model):
    set_meter(free_limit=5)
    plan = make_plan(name="Monthly", slug="monthly", price_minor=299_00, term_months=1)
    reader = django_user_model.objects.create_user(username="asha", email="asha@example.test", password=PASSWORD)
    subscription = subscribe(reader, plan)  # paying before the experiment
    subscription.refresh_from_db()
    assert subscription.status == "active"

    now = timezone.now()
    experiment = make_allowance_experiment(
        arms={"Five": 5, "Three": 3}, key=KEY, starts_at=now - timedelta(minutes=1), ends_at=now + timedelta(days=120)
    )
    story = make_article(headline="A story")

    # A new phone: the subscriber opens a story before logging in, then logs in.
    (phone_id,) = anonymous_ids_in_half(KEY, first_half=True, count=1)
    phone = browser_of(phone_id)
    assert phone.get(story.get_absolute_url()).status_code == 200
    assert phone.post("/accounts/login/", {"login": "asha@example.test", "password": PASSWORD}).status_code == 302
    # A log-in links nothing (only a sign-up does); were the phone's exposure
    # the account's, and met before its checkout, the renewal still converts nothing.
    phone_exposure = Exposure.objects.get(experiment=experiment)
    assert phone_exposure.user is None
    Exposure.objects.filter(pk=phone_exposure.pk).update(user=reader, exposed_at=subscription.created_at - timedelta(seconds=1))

    # The billing clock renews the subscription at the end of its term.
    end = subscription.term_end
    billing.billing_clock_tick(now=end - timedelta(hours=47))
    billing.billing_clock_tick(now=end + timedelta(minutes=1))
    renewal = Payment.objects.filter(subscription=subscription, term_number=2, status=PaymentStatus.SUCCEEDED)
    assert renewal.exists(), "the renewal was charged"

    # Renewing is not converting: the experiment counts nobody.
    assert not Conversion.objects.exists()
    assert [arm.conversions for arm in experiment_results(experiment).arms] == [0, 0]
