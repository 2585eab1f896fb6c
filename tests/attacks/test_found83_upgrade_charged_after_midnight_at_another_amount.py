"""An app shows a Smart Quarterly reader what upgrading to Smart Yearly costs
today (/me/subscription/plans: ₹2,100 due, ₹600 credited) and, at
23:59:59 in Kolkata, sends POST /me/subscription/upgrade with
{"plan": "smart-yearly", "due_minor": 210000}: the API's promise is that if
that is no longer what is due, nothing is charged (400 price_changed).

The API compares the amount with a quote worked out at the time it reads
first, and billing.plan_upgrade then works the quote out again, from its
own reading of the clock, under the lock, and charges that. When midnight
falls between the two (a slow request, a busy database), the day the reader
confirmed has one more unused day than the day charged: the card is charged
more than the amount the reader confirmed, and the answer is 200. The
account page's confirm button (its "upgrade-<due>" check) has the same gap.

Expected: the amount charged is the amount the reader confirmed, or nothing
is charged and the answer is price_changed."""

from datetime import UTC, datetime
from types import SimpleNamespace
from unittest import mock

import pytest
import time_machine
from django.test import Client

from masthead.api.tests.conftest import make_account, sign_in
from masthead.payments.models import Payment, PaymentStatus
from masthead.testing.stripe import subscribe
from masthead.testing.subscriptions import make_smart_plans

pytestmark = pytest.mark.django_db
START = datetime(2027, 1, 10, 6, 0, tzinfo=UTC)  # 11:30 on 10 January in Kolkata
LAST_SECOND = datetime(2027, 2, 9, 18, 29, 59, tzinfo=UTC)  # 23:59:59 on 9 February in Kolkata
PAST_MIDNIGHT = datetime(2027, 2, 9, 18, 30, 1, tzinfo=UTC)  # 00:00:01 on 10 February



def test_an_upgrade_is_never_charged_more_than_the_amount_the_app_sent(localstripe, django_user_model):
    plans = make_smart_plans()
    asha = make_account(django_user_model, "asha")
    with time_machine.travel(START, tick=False):
        subscription = subscribe(asha, plans["quarterly"])
    with time_machine.travel(LAST_SECOND, tick=False):
        app = Client(HTTP_X_SESSION_TOKEN=sign_in(asha))
        (yearly,) = [option for option in app.get("/api/v1/me/subscription/plans").json() if option["plan"]["slug"] == "smart-yearly"]
        shown = yearly["due"]["minor"]
        # The request's own work runs past midnight: the charge reads the clock a second later.
        with mock.patch("masthead.subscriptions.billing.plan_upgrade.timezone", SimpleNamespace(now=lambda: PAST_MIDNIGHT)):
            answer = app.post(
                "/api/v1/me/subscription/upgrade", {"plan": "smart-yearly", "due_minor": shown}, content_type="application/json"
            )
    charged = Payment.objects.filter(subscription=subscription, term_number=2, status=PaymentStatus.SUCCEEDED).first()
    if answer.status_code == 400:
        assert answer.json()["code"] == "price_changed" and charged is None
    else:
        assert charged.amount_minor == shown, f"the app showed and sent ₹{shown / 100:,.2f}; the card was charged {charged.amount}"
