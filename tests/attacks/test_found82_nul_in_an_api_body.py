"""An app sends the reader's cancel note as they typed or pasted it; a note
holding a NUL character (pasted from a PDF, or sent on purpose) reaches the
API inside the JSON body, as "\\u0000". So does a plan slug an app or an
attacker sends to /me/subscription/next-plan or /upgrade.

The NUL guard (core/middleware.py) looks at the path, query, cookies and
headers only, never at a JSON body, and the API's schemas take any string.
On PostgreSQL, whose text cannot hold a NUL, the lookup or the write fails
deep inside: the app gets a 500 and the site's HTML error page, not the
API's one JSON error shape its docs promise. On SQLite the cancel note is
stored with the NUL in it. The cancel page refuses the same note with a
sentence ("Null characters are not allowed.", its Django form), so the API
and the page disagree about the same input.

Expected: bad input is a clear JSON error (400 or 422) and nothing changes,
on every database."""

from datetime import UTC, datetime

import pytest
import time_machine
from django.test import Client

from masthead.api.tests.conftest import make_account, sign_in
from masthead.payments.models import Payment
from masthead.subscriptions.models import CancelAnswer, Subscription, SubscriptionStatus
from masthead.testing.stripe import subscribe
from masthead.testing.subscriptions import make_smart_plans

pytestmark = pytest.mark.django_db
START = datetime(2027, 1, 10, 6, 0, tzinfo=UTC)
FEBRUARY = datetime(2027, 2, 9, 6, 0, tzinfo=UTC)



def test_a_nul_in_a_json_body_is_a_json_error_and_changes_nothing(localstripe, django_user_model):
    plans = make_smart_plans()
    asha = make_account(django_user_model, "asha")
    with time_machine.travel(START, tick=False):
        subscription = subscribe(asha, plans["quarterly"])
    with time_machine.travel(FEBRUARY, tick=False):
        app = Client(HTTP_X_SESSION_TOKEN=sign_in(asha), raise_request_exception=False)
        answers = [
            app.post("/api/v1/me/subscription/cancel", {"note": "Too much\u0000news"}, content_type="application/json"),
            app.put("/api/v1/me/subscription/next-plan", {"plan": "smart-monthly\u0000"}, content_type="application/json"),
            app.post(
                "/api/v1/me/subscription/upgrade", {"plan": "smart-yearly\u0000", "due_minor": 2100_00},
                content_type="application/json",
            ),
        ]  # fmt: skip
    for answer in answers:
        assert answer.status_code in (400, 404, 422), (answer.status_code, answer.text[:80])
        assert answer.headers["Content-Type"].startswith("application/json")
    subscription = Subscription.objects.get(pk=subscription.pk)
    assert subscription.status == SubscriptionStatus.ACTIVE and subscription.next_plan_id is None
    assert not CancelAnswer.objects.exists()
    assert Payment.objects.filter(subscription=subscription).count() == 1
