"""The demo's five months of subscribers: the business desk has numbers to
show, and the billing clock has nothing to do with them for a fortnight."""

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from masthead.core.periods import local_date
from masthead.desk.models import DayFigures
from masthead.payments.models import Payment, PaymentStatus
from masthead.subscriptions.billing import billing_clock_tick
from masthead.subscriptions.models import Subscription, SubscriptionStatus as S

pytestmark = pytest.mark.django_db


def test_the_desk_has_months_of_figures_after_the_demo_loads(demo):
    today = local_date(timezone.now())
    rows = DayFigures.objects.filter(plan__isnull=True, day__gt=today - timedelta(days=60))
    assert rows.count() == 60
    last = rows.get(day=today)
    assert last.subscribers > 30 and last.mrr_minor > 0 and last.paying > 30
    totals = {name: sum(getattr(row, name) for row in rows) for name in ("new", "churned", "payments_count", "refunds_count",
                                                                           "credit_notes_count", "renewals_attempted", "renewals_recovered")}  # fmt: skip
    assert all(totals.values()), totals
    # Every status the desk charts but the ones the clock would act on.
    assert not Subscription.objects.filter(status__in=(S.PAST_DUE, S.PAUSED, S.NEEDS_CARD)).exists()


def test_the_billing_clock_leaves_the_history_alone_for_a_fortnight(demo):
    before = Payment.objects.count()
    mail.outbox.clear()
    for days in (0, 7, 13):
        billing_clock_tick(now=timezone.now() + timedelta(days=days))
    assert Payment.objects.count() == before
    assert not Payment.objects.filter(status=PaymentStatus.PENDING).exists()
    assert mail.outbox == []
