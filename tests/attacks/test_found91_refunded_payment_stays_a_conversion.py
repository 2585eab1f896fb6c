"""A checkout whose money is given back in full still counts as a
conversion in the experiment.

What an attacker (or just a reader who changes their mind) does: meets the
paywall in one arm, subscribes, and has the payment refunded (staff refund
at the reader's request; the same for a refund made at the provider). The
subscription ends as "refunded" and the desk counts the refund and the
churn; but the experiment's Conversion written when the payment settled
stays, and /desk/experiments/ keeps reporting the reader as converted.

Harm for the publisher: the experiment's primary metric is "conversion to
paid", yet a subscribe-and-refund (which costs the reader nothing) raises
an arm's conversion rate. Anyone who wants an arm to "win" can buy its
conversions for free, and ordinary cooling-off refunds count as wins.
"""

import pytest
from django.utils import timezone

from masthead.experiments.models import Exposure
from masthead.experiments.selectors import experiment_results
from masthead.experiments.tests.factories import anonymous_ids_in_half, browser_of, make_allowance_experiment, sign_up
from masthead.payments.models import Payment, PaymentStatus
from masthead.payments.services import payment_refund
from masthead.testing.accounts import make_staff
from masthead.testing.metering import set_meter
from masthead.testing.newsroom import make_article
from masthead.testing.stripe import subscribe
from masthead.testing.subscriptions import make_plan

pytestmark = pytest.mark.django_db

KEY = "allowance-refunds"
PASSWORD = "a fine long password"


def test_a_refunded_checkout_is_not_a_conversion(localstripe):
    set_meter(free_limit=5)
    plan = make_plan(name="Monthly", slug="monthly", price_minor=299_00, term_months=1)
    experiment = make_allowance_experiment(arms={"Five": 5, "Three": 3}, key=KEY)
    story = make_article(headline="A story")

    (browser_id,) = anonymous_ids_in_half(KEY, first_half=False, count=1)  # the "Three" arm
    browser = browser_of(browser_id)
    assert browser.get(story.get_absolute_url()).status_code == 200
    reader = sign_up(browser, email="ravi@example.test", password=PASSWORD)
    assert Exposure.objects.get(experiment=experiment).user == reader

    subscription = subscribe(reader, plan)
    payment = Payment.objects.get(subscription=subscription, status=PaymentStatus.SUCCEEDED)
    assert [arm.conversions for arm in experiment_results(experiment).arms] == [0, 1]

    payment_refund(payment=payment, by=make_staff(username="support"), now=timezone.now())
    payment.refresh_from_db()
    assert payment.status == PaymentStatus.REFUNDED
    subscription.refresh_from_db()
    assert subscription.status == "refunded"

    # All the money went back: the reader did not convert to paid.
    assert [arm.conversions for arm in experiment_results(experiment).arms] == [0, 0]
