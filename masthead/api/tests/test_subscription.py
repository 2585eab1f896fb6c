"""The signed-in reader's subscription through the API, against localstripe:
pause and undo it, resume now, change plan at the renewal or upgrade now,
cancel and keep. Each answer says what the account page would say; each
refusal is the page's sentence in the API's error shape, with nothing changed."""

from datetime import UTC, datetime

import pytest
import time_machine
from django.test import Client

from masthead.payments.models import Payment, PaymentStatus
from masthead.subscriptions.models import CancelAnswer, Subscription, SubscriptionStatus
from masthead.testing.stripe import DECLINED_CARD, save_card, subscribe
from masthead.testing.subscriptions import make_smart_plans

from .conftest import app, make_account, sign_in

pytestmark = pytest.mark.django_db
S = SubscriptionStatus
START = datetime(2027, 1, 10, 6, 0, tzinfo=UTC)  # 11:30 on 10 January in Kolkata
FEBRUARY = datetime(2027, 2, 9, 6, 0, tzinfo=UTC)
PAUSE_BEGUN = datetime(2027, 4, 12, 6, 0, tzinfo=UTC)  # the term ended on 10 April


@pytest.fixture
def plans():
    return make_smart_plans()


@pytest.fixture
def asha(django_user_model):
    return make_account(django_user_model, "asha")


@pytest.fixture
def subscribed(localstripe, asha, plans):
    with time_machine.travel(START, tick=False):
        return subscribe(asha, plans["quarterly"])


def _post(client, path, body=None):
    return client.post(path, body or {}, content_type="application/json")


def _state(subscription) -> Subscription:
    subscription.refresh_from_db()
    return subscription


def test_a_pause_is_taken_refused_again_and_undone(subscribed, asha):
    with time_machine.travel(FEBRUARY, tick=False):
        client = app(sign_in(asha))
        paused = _post(client, "/api/v1/me/subscription/pause", {"months": 2})
        assert paused.status_code == 200, paused.text
        assert paused.json()["message"] == (
            "Your subscription is paused from 10 April 2027 to 10 June 2027. You keep reading everything until it "
            "begins, and nothing is charged during the pause."
        )
        assert paused.json()["subscription"]["status"] == "paused"
        assert paused.json()["subscription"]["pause_until"].startswith("2027-06-")

        again = _post(client, "/api/v1/me/subscription/pause", {"months": 1})
        assert again.status_code == 400
        assert again.json() == {"code": "pause_refused", "message": "Your subscription is already paused."}

        undone = client.delete("/api/v1/me/subscription/pause")
        assert undone.status_code == 200
        assert undone.json()["message"] == "Your pause is undone: your subscription will renew as before."
        assert undone.json()["subscription"]["status"] == "active" and undone.json()["subscription"]["pause_until"] is None
        not_paused = client.delete("/api/v1/me/subscription/pause")
    assert not_paused.status_code == 400 and not_paused.json()["code"] == "not_paused"
    assert _state(subscribed).status == S.ACTIVE


def test_a_pause_outside_the_limits_is_refused_and_changes_nothing(subscribed, asha):
    with time_machine.travel(FEBRUARY, tick=False):
        client = app(sign_in(asha))
        for months in (0, 9):
            refused = _post(client, "/api/v1/me/subscription/pause", {"months": months})
            assert refused.status_code == 400
            assert refused.json() == {"code": "pause_refused", "message": "A pause lasts 1 to 3 months."}
        typed_wrong = _post(client, "/api/v1/me/subscription/pause", {"months": "two"})
    assert typed_wrong.status_code == 422 and typed_wrong.json()["code"] == "invalid_request"
    assert _state(subscribed).status == S.ACTIVE and subscribed.pause_until is None


def test_resume_now_charges_the_next_term_once(subscribed, asha):
    with time_machine.travel(FEBRUARY, tick=False):
        client = app(sign_in(asha))
        _post(client, "/api/v1/me/subscription/pause", {"months": 2})
        early = _post(client, "/api/v1/me/subscription/resume")
        assert early.status_code == 400
        assert early.json() == {
            "code": "pause_not_begun",
            "message": "Your pause has not begun yet: undo it, and your subscription renews as before.",
        }
    with time_machine.travel(PAUSE_BEGUN, tick=False):
        client = app(sign_in(asha))
        resumed = _post(client, "/api/v1/me/subscription/resume")
        assert resumed.status_code == 200, resumed.text
        body = resumed.json()
        assert body["payment"] == {"status": "succeeded", "amount": {"minor": 900_00, "currency": "INR", "display": "₹900"}}
        assert body["message"].startswith("Welcome back: ₹900 is paid, and you read everything again until 12 July 2027")
        assert body["subscription"]["status"] == "active"
        twice = _post(client, "/api/v1/me/subscription/resume")
    assert twice.status_code == 400 and twice.json()["code"] == "not_paused"
    assert Payment.objects.filter(subscription=subscribed, term_number=2, status=PaymentStatus.SUCCEEDED).count() == 1


def test_resume_now_with_a_declined_card_is_402_and_stays_paused(subscribed, asha):
    with time_machine.travel(FEBRUARY, tick=False):
        _post(app(sign_in(asha)), "/api/v1/me/subscription/pause", {"months": 2})
    save_card(asha, DECLINED_CARD)
    with time_machine.travel(PAUSE_BEGUN, tick=False):
        declined = _post(app(sign_in(asha)), "/api/v1/me/subscription/resume")
    assert declined.status_code == 402
    assert declined.json()["code"] == "payment_declined"
    assert declined.json()["message"].startswith("Your card was declined: ")
    assert declined.json()["message"].endswith(
        "Nothing was charged, and your subscription stays paused. Please update your card and try again."
    )
    assert _state(subscribed).status == S.PAUSED


def test_a_switch_at_renewal_is_scheduled_and_kept_back(subscribed, asha):
    with time_machine.travel(FEBRUARY, tick=False):
        client = app(sign_in(asha))
        options = {o["plan"]["slug"]: o for o in client.get("/api/v1/me/subscription/plans").json()}
        assert set(options) == {"smart-monthly", "smart-yearly"}
        assert options["smart-yearly"]["upgrade_now"] and options["smart-yearly"]["due"]["minor"] == 2100_00
        assert options["smart-yearly"]["credit"]["display"] == "₹600"
        assert not options["smart-monthly"]["upgrade_now"] and options["smart-monthly"]["switch_on"].startswith("2027-04-10")

        scheduled = client.put("/api/v1/me/subscription/next-plan", {"plan": "smart-monthly"}, content_type="application/json")
        assert scheduled.status_code == 200, scheduled.text
        assert scheduled.json()["message"].startswith("Your subscription changes to Smart Monthly on 10 April 2027")
        assert scheduled.json()["subscription"]["next_plan"] == {"slug": "smart-monthly", "name": "Smart Monthly"}
        assert scheduled.json()["subscription"]["renewal_price"]["display"] == "₹300"

        kept = client.delete("/api/v1/me/subscription/next-plan")
        assert kept.status_code == 200
        assert kept.json()["message"] == "You keep your plan, Smart Quarterly: it renews as before."
        assert kept.json()["subscription"]["next_plan"] is None
        assert kept.json()["subscription"]["renewal_price"]["display"] == "₹900"
        nothing = client.delete("/api/v1/me/subscription/next-plan")
        unknown = client.put("/api/v1/me/subscription/next-plan", {"plan": "nope"}, content_type="application/json")
    assert nothing.status_code == 400 and nothing.json()["code"] == "no_plan_change"
    assert unknown.status_code == 404 and unknown.json()["code"] == "plan_not_found"
    assert _state(subscribed).next_plan is None


def test_keep_my_plan_works_while_paused(subscribed, asha):
    with time_machine.travel(FEBRUARY, tick=False):
        client = app(sign_in(asha))
        client.put("/api/v1/me/subscription/next-plan", {"plan": "smart-monthly"}, content_type="application/json")
        _post(client, "/api/v1/me/subscription/pause", {"months": 2})
        kept = client.delete("/api/v1/me/subscription/next-plan")
    assert kept.status_code == 200 and kept.json()["subscription"]["status"] == "paused"
    assert _state(subscribed).next_plan is None


def test_an_upgrade_is_charged_once_at_the_amount_the_app_showed(subscribed, asha):
    with time_machine.travel(FEBRUARY, tick=False):
        client = app(sign_in(asha))
        stale = _post(client, "/api/v1/me/subscription/upgrade", {"plan": "smart-yearly", "due_minor": 2070_00})
        assert stale.status_code == 400 and stale.json()["code"] == "price_changed"
        assert not Payment.objects.filter(subscription=subscribed, term_number__gt=1).exists()
        not_up = _post(client, "/api/v1/me/subscription/upgrade", {"plan": "smart-monthly", "due_minor": 0})
        assert not_up.status_code == 400 and not_up.json()["code"] == "not_an_upgrade"

        upgraded = _post(client, "/api/v1/me/subscription/upgrade", {"plan": "smart-yearly", "due_minor": 2100_00})
        assert upgraded.status_code == 200, upgraded.text
        assert upgraded.json()["message"].startswith("You are now on Smart Yearly: ₹2,100 is paid (₹600 credited")
        assert upgraded.json()["subscription"]["plan_slug"] == "smart-yearly"
        again = _post(client, "/api/v1/me/subscription/upgrade", {"plan": "smart-yearly", "due_minor": 2100_00})
    assert again.status_code == 400 and again.json() == {
        "code": "plan_change_refused", "message": "You are already on Smart Yearly."
    }
    assert Payment.objects.filter(subscription=subscribed, status=PaymentStatus.SUCCEEDED).count() == 2  # checkout + upgrade


def test_an_upgrade_with_a_declined_card_is_402_and_changes_nothing(subscribed, asha):
    save_card(asha, DECLINED_CARD)
    with time_machine.travel(FEBRUARY, tick=False):
        declined = _post(app(sign_in(asha)), "/api/v1/me/subscription/upgrade", {"plan": "smart-yearly", "due_minor": 2100_00})
    assert declined.status_code == 402 and "your plan is unchanged" in declined.json()["message"]
    assert _state(subscribed).plan.slug == "smart-quarterly"


def test_cancel_records_the_answer_and_keep_undoes_it(subscribed, asha):
    with time_machine.travel(FEBRUARY, tick=False):
        client = app(sign_in(asha))
        bad = _post(client, "/api/v1/me/subscription/cancel", {"reason": "because"})
        assert bad.status_code == 400 and bad.json() == {
            "code": "reason_unknown", "message": "Please choose one of the reasons listed, or none."
        }
        assert _state(subscribed).status == S.ACTIVE and not CancelAnswer.objects.exists()

        cancelled = _post(client, "/api/v1/me/subscription/cancel", {"reason": "not_reading", "note": "Exams this term"})
        assert cancelled.status_code == 200, cancelled.text
        assert cancelled.json()["subscription"]["status"] == "cancelling"
        assert "10 April 2027" in cancelled.json()["message"]
        (answer,) = CancelAnswer.objects.all()
        assert (answer.reason, answer.text, answer.offer_shown) == ("not_reading", "Exams this term", "")

        twice = _post(client, "/api/v1/me/subscription/cancel")
        assert twice.status_code == 400
        assert twice.json()["message"].startswith("Your subscription is already cancelled: you can read everything until")

        kept = _post(client, "/api/v1/me/subscription/keep")
        assert kept.status_code == 200 and kept.json()["message"] == "Your subscription will renew as before."
        not_cancelled = _post(client, "/api/v1/me/subscription/keep")
    assert not_cancelled.status_code == 400 and not_cancelled.json()["code"] == "not_cancelled"
    assert _state(subscribed).status == S.ACTIVE


def test_a_refusal_is_the_account_pages_own_sentence(subscribed, asha):
    with time_machine.travel(FEBRUARY, tick=False):
        client = app(sign_in(asha))
        _post(client, "/api/v1/me/subscription/pause", {"months": 2})
        refused = client.put("/api/v1/me/subscription/next-plan", {"plan": "smart-monthly"}, content_type="application/json")
        browser = Client()
        browser.force_login(asha)
        page = browser.get("/account/plan/", follow=True).text
    assert refused.status_code == 400 and refused.json()["code"] == "plan_change_refused"
    assert refused.json()["message"] == "Your subscription is paused. Undo the pause (or resume now) first; then you can change plan."
    assert refused.json()["message"] in page
    assert _state(subscribed).next_plan is None


def test_another_reader_reaches_only_their_own_subscription(subscribed, asha, django_user_model, plans):
    ravi = make_account(django_user_model, "ravi")
    with time_machine.travel(FEBRUARY, tick=False):
        client = app(sign_in(ravi))
        for method, path in (
            ("get", "/api/v1/me/subscription"), ("post", "/api/v1/me/subscription/pause"),
            ("delete", "/api/v1/me/subscription/pause"), ("post", "/api/v1/me/subscription/resume"),
            ("get", "/api/v1/me/subscription/plans"), ("put", "/api/v1/me/subscription/next-plan"),
            ("delete", "/api/v1/me/subscription/next-plan"), ("post", "/api/v1/me/subscription/upgrade"),
            ("post", "/api/v1/me/subscription/cancel"), ("post", "/api/v1/me/subscription/keep"),
        ):  # fmt: skip
            body = {"months": 1, "plan": "smart-yearly", "due_minor": 2100_00}
            answer = getattr(client, method)(path, body, content_type="application/json")
            assert answer.status_code == 404, (path, answer.text)
            assert answer.json() == {"code": "subscription_not_found", "message": "You do not have a subscription."}
        # Ravi's own subscription is the only one his token cancels.
        mine = subscribe(ravi, plans["monthly"])
        assert _post(client, "/api/v1/me/subscription/cancel").status_code == 200
    assert _state(mine).status == S.CANCELLING
    assert _state(subscribed).status == S.ACTIVE and not Payment.objects.filter(subscription=subscribed, term_number__gt=1).exists()


def test_a_browsers_session_cookie_acts_on_nothing(subscribed, asha):
    """The API takes no cookies (so no forged page can ride on one): a signed-in
    browser is 401, while an app's token needs no CSRF token."""
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(asha)
    for path in ("/api/v1/me/subscription/cancel", "/api/v1/me/subscription/keep"):
        refused = _post(browser, path)
        assert refused.status_code == 401 and refused.json()["code"] == "not_signed_in"
    assert _post(app(), "/api/v1/me/subscription/cancel").status_code == 401
    assert _state(subscribed).status == S.ACTIVE
    with_token = Client(enforce_csrf_checks=True, HTTP_X_SESSION_TOKEN=sign_in(asha))
    assert _post(with_token, "/api/v1/me/subscription/cancel").status_code == 200
    assert _state(subscribed).status == S.CANCELLING
