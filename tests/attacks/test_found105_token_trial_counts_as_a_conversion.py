"""A trial's token price (₹1) is counted as the experiment's conversion to
paid, and the trial's first paid term, the real conversion, counts nothing.

docs/desk.md: a conversion is a paid payment, "a free trial's start is not
a conversion, its first paid term is". The listener asks only whether the
payment is more than ₹0, so a token-price trial's ₹1 converts the reader
the moment the trial starts; when the trial ends and the first term is
charged, the ₹1 is a paid payment before it, so the term converts nothing.

What happens: with a "1 month for ₹1" plan on sale, every reader who
starts the trial is a conversion of the arm they are in, whether or not
they ever pay for a term (most cancel). A reader can make their arm win
for ₹1 a card; the result compares trial starts, not subscriptions, while
saying "conversion to paid".

What should happen: the trial's ₹1 converts nothing; the first paid term
converts the reader.
"""

from datetime import timedelta

import pytest
from django.utils import timezone

from masthead.experiments.models import Conversion
from masthead.experiments.services import conversion_record, exposure_record
from masthead.experiments.tests.factories import make_allowance_experiment
from masthead.payments.models import Payment, PaymentStatus
from masthead.subscriptions.models import Subscription
from masthead.subscriptions.terms import FIRST_TERM, TRIAL_TERM
from masthead.testing.subscriptions import make_plan

pytestmark = pytest.mark.django_db


def test_a_token_price_trial_converts_at_its_first_paid_term_not_at_its_start(django_user_model):
    reader = django_user_model.objects.create_user(username="asha", email="asha@example.test")
    experiment = make_allowance_experiment(arms={"Five": 5, "Three": 3})
    arm = experiment.arms.first()
    exposure_record(
        experiment_id=experiment.pk, arm_id=arm.pk, reader_id=f"u:{reader.pk}", user_id=reader.pk,
        now=timezone.now() - timedelta(minutes=5),
    )  # fmt: skip
    plan = make_plan(name="Monthly", slug="monthly", price_minor=299_00, term_months=1, trial_months=1, trial_price_minor=100)
    subscription = Subscription.objects.create(user=reader, plan=plan, price_minor=plan.price_minor, term_months=1)

    token = Payment.objects.create(
        subscription=subscription, amount_minor=100, term_number=TRIAL_TERM, charge_key="trial",
        status=PaymentStatus.SUCCEEDED, succeeded_at=timezone.now(),
    )  # fmt: skip
    conversion_record(token)
    assert not Conversion.objects.exists(), "the trial's ₹1 counted as conversion to paid"

    first_term = Payment.objects.create(
        subscription=subscription, amount_minor=299_00, term_number=FIRST_TERM, charge_key="term-1",
        status=PaymentStatus.SUCCEEDED, succeeded_at=timezone.now() + timedelta(seconds=1),
    )  # fmt: skip
    conversion_record(first_term)
    assert Conversion.objects.get().payment == first_term
