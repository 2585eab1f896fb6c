"""A reader already on a free trial is credited to the arm of a browser they
log in on, and their trial's first paid term converts that arm.

docs/desk.md: subscribers are left out; a conversion is an exposed reader's
first paid payment, for a trial its first paid term. A signed-in subscriber
(a trial is a subscription they read by) is never exposed, and a subscriber's
signed-out browser exposes nobody. But at log-in, every exposure the
browser's anonymous reader met is linked to the account whoever it is: a
subscriber included.

What happens: a reader started a trial before the experiment began. Later,
on a phone or another browser they are not signed in on, they open the plans
page (or meet the paywall) and are exposed in whichever arm that browser's id
falls in; they log in, and the exposure becomes the account's. When the
trial's first paid term is charged, the experiment counts a conversion in
that arm, for a reader who had subscribed before meeting either arm. Anyone
on a trial can choose the arm to credit (a fresh cookie until the plans page
shows the arm they want, then log in), and trial readers who merely log in on
a new device are spread over the arms as conversions none of them caused.

What should happen: an account that is a subscriber at log-in takes no
exposure from the browser (it could not be shown anything to subscribe),
so its first paid term converts nothing.
"""

from datetime import timedelta

import pytest
from django.utils import timezone

from masthead.experiments.models import Conversion, Exposure, Variable
from masthead.experiments.services import conversion_record
from masthead.experiments.tests.factories import anonymous_ids_in_half, browser_of, make_experiment
from masthead.payments.models import Payment, PaymentStatus
from masthead.subscriptions.models import Plan, Subscription, SubscriptionStatus
from masthead.subscriptions.terms import FIRST_TERM, TRIAL_TERM
from masthead.testing.subscriptions import make_offer, make_plan

pytestmark = pytest.mark.django_db
KEY = "offer-trial-reader"
PASSWORD = "a fine long password"


def test_a_trial_that_began_before_any_arm_converts_none(django_user_model):
    Plan.objects.update(is_active=False)
    monthly = make_plan(name="Monthly", slug="monthly", price_minor=299_00, term_months=1, trial_months=1)
    welcome = make_offer(monthly, name="Welcome offer")
    reader = django_user_model.objects.create_user(username="asha", email="asha@example.test", password=PASSWORD)
    now = timezone.now()
    subscription = Subscription.objects.create(
        user=reader, plan=monthly, price_minor=monthly.price_minor, term_months=1, status=SubscriptionStatus.ACTIVE,
        started_at=now - timedelta(days=10), term_start=now - timedelta(days=10), term_end=now + timedelta(days=20),
        term_number=TRIAL_TERM,
    )  # fmt: skip
    experiment = make_experiment(variable=Variable.OFFER_SHOWN, arms={"No offer": {}, "Welcome": {"offer": welcome}}, key=KEY)

    (phone_id,) = anonymous_ids_in_half(KEY, first_half=False, count=1)
    phone = browser_of(phone_id)
    assert "Welcome offer" in phone.get("/subscribe/").text  # signed out: an anonymous reader in "Welcome"
    assert phone.post("/accounts/login/", {"login": "asha@example.test", "password": PASSWORD}).status_code == 302

    first_term = Payment.objects.create(
        subscription=subscription, amount_minor=299_00, term_number=FIRST_TERM, charge_key="term-1",
        status=PaymentStatus.SUCCEEDED, succeeded_at=timezone.now() + timedelta(seconds=1),
    )  # fmt: skip
    conversion_record(first_term)

    assert not Conversion.objects.exists(), "a trial begun before the experiment converted the arm met afterwards"
    assert not Exposure.objects.filter(experiment=experiment, user=reader).exists()
