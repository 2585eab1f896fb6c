"""Retention: the cohort triangle worked out by hand on a known set of
histories, churn reasons and save offers from the cancel page, sleeping
subscribers (names and addresses for Business staff only), the win-back
mail's steps; and /desk/offers/: offers, trials and gifts."""

import csv
import io
import random
from datetime import UTC, date, timedelta
from fractions import Fraction

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.test import Client
from django.utils import timezone

from masthead.core.periods import local_date
from masthead.desk.models import CohortMonth, SleepingCount
from masthead.desk.retention import Cohort, cohort_months_first, cohort_triangle, cohorts_stored
from masthead.desk.services import desk_rollup
from masthead.gifts.models import GiftSubscription, GiftSubscriptionStatus
from masthead.metering.models import FunnelEvent, FunnelEventKind as K
from masthead.newsletters.sleeping import sleeping_subscribers
from masthead.subscriptions.models import (
    CancelAnswer, CancelOutcome, CancelReason, EventReason as R, OfferRedemption, SaveOfferKind, SubscriptionStatus as S,
)  # fmt: skip
from masthead.subscriptions.states import subscription_move
from masthead.testing.subscriptions import make_offer, make_plan

from .history import at, move, payment, subscription
from .test_rollups import PATHS


def ist(year, month, day, hour=12, minute=0):
    return at(date(year, month, day), hour, minute)


NOW = ist(2026, 4, 15)
A = [(ist(2026, 1, 10), S.ACTIVE, R.FIRST_PAYMENT), (ist(2026, 2, 10), S.ACTIVE, R.RENEWED)]
B = [(ist(2026, 1, 20), S.ACTIVE, R.FIRST_PAYMENT), (ist(2026, 2, 5), S.CANCELLING, R.CANCELLED_BY_READER),
     (ist(2026, 3, 1), S.ENDED, R.TERM_OVER)]  # fmt: skip
# A trial in February, paid from the 15th, paused in March, paying again in April.
C = [(ist(2026, 2, 1), S.ACTIVE, R.TRIAL_STARTED), (ist(2026, 2, 15), S.ACTIVE, R.FIRST_PAYMENT),
     (ist(2026, 3, 10), S.PAUSED, R.PAUSED_BY_READER), (ist(2026, 4, 10), S.ACTIVE, R.PAUSE_OVER)]  # fmt: skip
# A trial that never paid: in no cohort.
D = [(ist(2026, 3, 1), S.ACTIVE, R.TRIAL_STARTED), (ist(2026, 3, 15), S.ENDED, R.CANCELLED_BY_READER)]
# Paid at 00:10 on 1 April in India (still 31 March in UTC): April's cohort.
E = [(ist(2026, 4, 1, 0, 10), S.ACTIVE, R.FIRST_PAYMENT)]


def test_the_cohort_triangle_of_a_known_set():
    assert E[0][0].astimezone(UTC).month == 3
    cohorts = cohort_triangle([A, B, C, D, E], now=NOW)
    assert cohorts == [
        Cohort((2026, 1), 2, (2, 2, 1, 1)),
        Cohort((2026, 2), 1, (1, 0, 1)),
        Cohort((2026, 4), 1, (1,)),
    ]
    assert cohorts[0].share(2) == Fraction(1, 2) and cohorts[1].share(1) == 0 and cohorts[2].share(1) is None


def test_a_move_after_now_is_not_counted():
    later = [(ist(2026, 1, 10), S.ACTIVE, R.FIRST_PAYMENT), (ist(2026, 4, 20), S.ENDED, R.TERM_OVER)]
    assert cohort_triangle([later], now=NOW) == [Cohort((2026, 1), 1, (1, 1, 1, 1))]



@pytest.mark.django_db
def test_the_stored_cohorts_are_the_triangle_of_the_same_histories():
    """The rollup writes what the pure triangle makes of the histories the
    test wrote (some started paying before the page's 24 months), and
    writing it again changes nothing."""
    rng = random.Random(20261207)
    plans = [make_plan(name="Smart Monthly", price_minor=299_00, term_months=1), make_plan(name="Smart Essential", price_minor=2_700_00, term_months=12)]
    now = timezone.now()
    histories = []
    for _ in range(80):
        sub = subscription(rng.choice(plans))
        path = rng.choice(PATHS)
        moments = sorted(now - timedelta(days=rng.randrange(900), minutes=rng.randrange(1440)) for _ in path)
        for (to, reason), when in zip(path, moments):
            move(sub, to, reason, when)
        histories.append([(when, to, reason) for (to, reason), when in zip(path, moments)])
    today = local_date(now)
    desk_rollup(first=today - timedelta(days=1), last=today, now=now)

    first_month = cohort_months_first(now)
    expected = [cohort for cohort in cohort_triangle(histories, now=now) if cohort.month >= first_month]
    stored, computed_at = cohorts_stored()
    assert stored == expected and computed_at == now
    assert len(expected) >= 12 and any(cohort.month < first_month for cohort in cohort_triangle(histories, now=now))
    cells = list(CohortMonth.objects.values_list("started", "months_since", "size", "paying"))
    desk_rollup(first=today, last=today, now=now)
    assert list(CohortMonth.objects.values_list("started", "months_since", "size", "paying")) == cells


def _business():
    user = get_user_model().objects.create_user(username="biz", email="biz@example.test", password="x" * 20, is_staff=True)
    user.groups.add(Group.objects.get(name="Business"))
    client = Client()
    client.force_login(user)
    return client


def _csv(response):
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    return list(csv.reader(io.StringIO(response.content.decode())))


@pytest.mark.django_db
def test_retention_page_for_business_staff(settings):
    now = timezone.now()
    today = local_date(now)
    plan = make_plan(name="Smart Monthly", price_minor=299_00, term_months=1)
    asleep = subscription(plan)
    asleep.user.first_name, asleep.user.last_name = "Meera", "Iyer"
    asleep.user.save()
    subscription_move(subscription=asleep, to=S.ACTIVE, reason=R.FIRST_PAYMENT, now=now - timedelta(days=45),
                      started_at=now - timedelta(days=45), term_start=now - timedelta(days=15), term_end=now + timedelta(days=15),
                      term_number=2)  # fmt: skip
    leaving = subscription(plan)
    move(leaving, S.ACTIVE, R.FIRST_PAYMENT, now - timedelta(days=10))
    for reason, outcome, offer in [
        (CancelReason.TOO_EXPENSIVE, CancelOutcome.CANCELLED, SaveOfferKind.PAUSE),
        (CancelReason.TOO_EXPENSIVE, CancelOutcome.OFFER_ACCEPTED, SaveOfferKind.PAUSE),
        (CancelReason.NOT_READING, CancelOutcome.CANCELLED, ""),
        ("", CancelOutcome.CANCELLED, SaveOfferKind.PAUSE),
    ]:
        CancelAnswer.objects.create(subscription=leaving, reason=reason, outcome=outcome, offer_shown=offer, at=now - timedelta(days=2))
    for kind, count in [(K.WINBACK_SENT, 10), (K.WINBACK_OPENED, 4), (K.WINBACK_RETURNED, 1)]:
        FunnelEvent.objects.create(kind=kind, count=count, occurred_at=now - timedelta(days=1))
    client = _business()
    before = client.get("/desk/retention/").content.decode()
    assert "The cohorts have not been computed yet" in before and "not counted yet" in before
    desk_rollup(first=today - timedelta(days=30), last=today)
    counted = SleepingCount.objects.get()
    assert counted.subscribers == sleeping_subscribers(counted.counted_at).count() == 1

    page = client.get("/desk/retention/")
    assert page.status_code == 200
    text = page.content.decode()
    assert "Cohorts computed at" in text
    assert '<p class="desk-card__value">1</p>' in text and "counted at" in text
    assert "Meera Iyer" in text and asleep.user.email in text and leaving.user.email not in text
    assert _csv(client.get("/desk/retention/", {"format": "csv", "table": "sleeping"}))[1:] == [["Meera Iyer", asleep.user.email]]
    assert _csv(client.get("/desk/retention/", {"format": "csv", "table": "reasons"}))[1:] == [
        ["It is too expensive", "1", "1"], ["I am not reading enough", "1", "0"], ["No reason given", "1", "0"],
    ]  # fmt: skip
    assert _csv(client.get("/desk/retention/", {"format": "csv", "table": "save_offers"}))[1:] == [["Pause instead", "3", "1", "33.3"]]
    assert _csv(client.get("/desk/retention/", {"format": "csv", "table": "winback"}))[1:] == [
        ["Win-back offer sent", "10", ""], ["Win-back offer opened", "4", "40.0"], ["Returned after a win-back offer", "1", "10.0"],
    ]  # fmt: skip
    cohorts = _csv(client.get("/desk/retention/", {"format": "csv", "table": "cohorts"}))
    assert cohorts[0][:3] == ["Started paying", "Subscribers", "Month 0"]
    assert sum(int(row[1]) for row in cohorts[1:]) == 2

    # Staff data: no one else sees the names, not even other staff.
    support = get_user_model().objects.create_user(username="sup", email="sup@example.test", password="x" * 20, is_staff=True)
    support.groups.add(Group.objects.get(name="Support"))
    other = Client()
    other.force_login(support)
    assert other.get("/desk/retention/").status_code == 403
    assert other.get("/desk/retention/", {"format": "csv", "table": "sleeping"}).status_code == 403
    assert client.get("/desk/retention/", {"to": "2999-01-01"}).status_code == 400


@pytest.mark.django_db
def test_offers_trials_and_gifts():
    now = timezone.now()
    today = local_date(now)
    plan = make_plan(name="Smart Quarterly", price_minor=900_00, term_months=3)
    welcome = make_offer(plan, name="Welcome offer", value=50)
    paid = subscription(plan)
    paid.offer = welcome
    paid.save()
    move(paid, S.ACTIVE, R.FIRST_PAYMENT, now - timedelta(days=3))
    payment(paid, term=1, created=now - timedelta(days=3), amount=450_00)
    unpaid = subscription(plan)
    for sub in (paid, unpaid):
        OfferRedemption.objects.create(offer=welcome, user=sub.user, subscription=sub, redeemed_at=now - timedelta(days=3))
    converted, still = subscription(plan), subscription(plan)
    move(converted, S.ACTIVE, R.TRIAL_STARTED, now - timedelta(days=20))
    move(converted, S.ACTIVE, R.FIRST_PAYMENT, now - timedelta(days=6))
    move(still, S.ACTIVE, R.TRIAL_STARTED, now - timedelta(days=5))
    GiftSubscription.objects.create(
        buyer=paid.user, plan=plan, term_months=3, price_minor=900_00, recipient_name="Ravi", recipient_email="ravi@example.test",
        send_on=today, code="GIFT-1", status=GiftSubscriptionStatus.SENT, paid_at=now - timedelta(days=4),
    )  # fmt: skip

    client = _business()
    assert client.get("/desk/offers/").status_code == 200
    assert _csv(client.get("/desk/offers/", {"format": "csv", "table": "offers"}))[1:] == [["Welcome offer", "2", "1", "50.0", "450.00"]]
    assert _csv(client.get("/desk/offers/", {"format": "csv", "table": "trials"}))[1:] == [["2", "1", "50.0"]]
    assert _csv(client.get("/desk/offers/", {"format": "csv", "table": "gifts"}))[1:] == [["1", "0"]]
    # The range counts what happened in it: a week ago, only the first trial had started.
    old = {"from": str(today - timedelta(days=30)), "to": str(today - timedelta(days=7))}
    assert _csv(client.get("/desk/offers/", {**old, "format": "csv", "table": "trials"}))[1:] == [["1", "1", "100.0"]]
