from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.test import Client
from django.utils import timezone

from masthead.core.errors import InvalidOperation, InvalidTransition
from masthead.subscriptions import services
from masthead.subscriptions.models import EventReason, Subscription, SubscriptionStatus
from masthead.subscriptions.states import subscription_move
from masthead.testing.newsroom import make_article
from masthead.testing.subscriptions import make_plan

pytestmark = pytest.mark.django_db
S = SubscriptionStatus
START = datetime(2026, 1, 31, 6, 0, tzinfo=UTC)  # 11:30 on 31 January in Kolkata


@pytest.fixture
def reader(django_user_model):
    return django_user_model.objects.create_user(username="sub", email="sub@example.test", password="a long password here")


@pytest.fixture
def quarterly():
    return make_plan(name="Smart Quarterly", price_minor=900_00, term_months=3)


def _active(reader, plan, now=START):
    return services.subscription_activate(subscription=services.subscription_begin(user=reader, plan=plan), now=now)


def test_a_first_payment_starts_a_term_of_calendar_months(reader, quarterly):
    subscription = _active(reader, quarterly)
    assert subscription.status == S.ACTIVE
    assert subscription.term_number == 1
    # 31 January + 3 months is 30 April, in the publication's zone.
    assert subscription.term_end == datetime(2026, 4, 30, 6, 0, tzinfo=UTC)
    assert [(e.from_status, e.to_status) for e in subscription.events.all()] == [(S.PENDING, S.ACTIVE)]


def test_the_price_comes_from_the_plan_at_checkout(reader, quarterly):
    pending = services.subscription_begin(user=reader, plan=quarterly)
    quarterly.price_minor = 1_200_00
    quarterly.save()
    assert pending.price_minor == 900_00


def test_an_inactive_plan_cannot_be_bought(reader, quarterly):
    quarterly.is_active = False
    quarterly.save()
    with pytest.raises(InvalidOperation) as refused:
        services.subscription_begin(user=reader, plan=quarterly)
    assert refused.value.code == "plan_unavailable"
    assert not Subscription.objects.exists()


def test_illegal_moves_raise_and_change_nothing(reader, quarterly):
    subscription = _active(reader, quarterly)
    services.subscription_cancel(subscription=subscription, now=START + timedelta(days=1))
    services.subscriptions_end_due(now=subscription.term_end)
    subscription.refresh_from_db()
    assert subscription.status == S.ENDED
    with pytest.raises(InvalidTransition):
        subscription_move(subscription=subscription, to=S.ACTIVE, reason=EventReason.RESUMED_BY_READER)
    subscription.refresh_from_db()
    assert subscription.status == S.ENDED
    assert subscription.events.count() == 3


def test_a_stale_copy_cannot_move_a_subscription_twice(reader, quarterly):
    subscription = _active(reader, quarterly)
    stale = Subscription.objects.get(pk=subscription.pk)
    services.subscription_cancel(subscription=subscription)
    services.subscriptions_end_due(now=subscription.term_end + timedelta(seconds=1))
    # The stale copy still says "active"; the lock reads the truth.
    with pytest.raises(InvalidTransition):
        services.subscription_cancel(subscription=stale)


def test_a_cancelled_subscriber_reads_until_the_term_ends_then_stops(reader, quarterly, client):
    premium = make_article(is_premium=True, published_ago=timedelta(days=1), now=START)
    subscription = _active(reader, quarterly)
    client.force_login(reader)
    with time_machine.travel(START + timedelta(days=10), tick=False):
        services.subscription_cancel(subscription=subscription, by=reader)
        assert "Subscribe now for unlimited access." not in client.get(premium.get_absolute_url()).text
    with time_machine.travel(subscription.term_end - timedelta(minutes=1), tick=False):
        assert "Subscribe now for unlimited access." not in client.get(premium.get_absolute_url()).text
    with time_machine.travel(subscription.term_end + timedelta(minutes=1), tick=False):
        assert "Subscribe now for unlimited access." in client.get(premium.get_absolute_url()).text
        services.subscriptions_end_due()
    subscription.refresh_from_db()
    assert subscription.status == S.ENDED


def test_a_cancellation_can_be_undone_before_the_term_ends(reader, quarterly):
    subscription = _active(reader, quarterly, now=timezone.now())
    services.subscription_cancel(subscription=subscription)
    services.subscription_resume(subscription=subscription)
    assert subscription.status == S.ACTIVE
    assert services.subscriptions_end_due(now=subscription.term_end) == 0


def test_staff_grant_a_complimentary_subscription_in_the_admin(reader, quarterly, django_user_model):
    staff = Client()
    staff.force_login(django_user_model.objects.create_superuser(username="boss", email="boss@example.test", password="x" * 20))
    response = staff.post("/admin/subscriptions/subscription/add/", {"user": reader.pk, "plan": quarterly.pk, "months": 6})
    assert response.status_code == 302, response.context["adminform"].form.errors
    comp = Subscription.objects.get(user=reader)
    assert comp.status == S.COMP and comp.price_minor == 0
    # A second grant for the same reader is refused with a message, not an error page.
    again = staff.post("/admin/subscriptions/subscription/add/", {"user": reader.pk, "plan": quarterly.pk, "months": 6})
    assert again.status_code == 200 and "already has a subscription" in again.text
    assert Subscription.objects.filter(user=reader).count() == 1


def test_a_cancellation_cannot_be_undone_at_the_moment_the_term_ends(reader, quarterly):
    subscription = _active(reader, quarterly)
    services.subscription_cancel(subscription=subscription, by=reader, now=START + timedelta(days=1))
    browser = Client()
    with time_machine.travel(subscription.term_end, tick=False):
        browser.force_login(reader)
        page = browser.post("/account/resume/", follow=True).text
    assert "This subscription has already ended." in page
    assert "Your subscription will renew as before." not in page
    subscription.refresh_from_db()
    assert subscription.status == S.CANCELLING
    with pytest.raises(InvalidOperation) as refused:
        services.subscription_resume(subscription=subscription, now=subscription.term_end)
    assert (refused.value.code, refused.value.message) == ("term_over", "This subscription has already ended.")


def test_the_history_says_who_resumed_a_subscription_and_when(reader, quarterly):
    subscription = _active(reader, quarterly)
    services.subscription_cancel(subscription=subscription, by=reader, now=START + timedelta(days=1))
    services.subscription_resume(subscription=subscription, by=reader, now=START + timedelta(days=2))
    resumed = subscription.events.last()
    assert (resumed.from_status, resumed.to_status) == (S.CANCELLING, S.ACTIVE)
    assert (resumed.reason, resumed.actor, resumed.occurred_at) == ("resumed_by_reader", reader, START + timedelta(days=2))


def test_the_clock_leaves_cancelled_and_complimentary_readers_reading_until_their_term_ends(reader, quarterly, django_user_model):
    premium = make_article(is_premium=True, published_ago=timedelta(days=1), now=START)
    cancelled = _active(reader, quarterly)
    services.subscription_cancel(subscription=cancelled, by=reader, now=START + timedelta(days=1))
    guest = django_user_model.objects.create_user(username="guest", email="guest@example.test", password="x" * 20)
    comp = services.subscription_grant_comp(user=guest, plan=quarterly, months=3, now=START)
    browser = Client()
    end = cancelled.term_end
    with time_machine.travel(end - timedelta(minutes=1), tick=False):
        assert services.subscriptions_end_due() == 0
        browser.force_login(reader)
        assert "Subscribe now for unlimited access." not in browser.get(premium.get_absolute_url()).text
    with time_machine.travel(end, tick=False):
        browser.force_login(reader)
        assert "Subscribe now for unlimited access." in browser.get(premium.get_absolute_url()).text
    assert services.subscriptions_end_due(now=end) == 2
    for subscription in (cancelled, comp):
        subscription.refresh_from_db()
        assert (subscription.status, subscription.ended_at) == (S.ENDED, end)
        ended = subscription.events.last()
        assert (ended.to_status, ended.reason, ended.occurred_at) == (S.ENDED, "term_over", end)


def test_a_complimentary_subscription_is_recorded_as_granted_by_the_staff_member(reader, quarterly, django_user_model):
    staff = django_user_model.objects.create_user(username="desk", email="desk@example.test", password="x" * 20)
    premium = make_article(is_premium=True, published_ago=timedelta(days=1), now=START)
    comp = services.subscription_grant_comp(user=reader, plan=quarterly, months=2, by=staff, now=START)
    stored = Subscription.objects.get(pk=comp.pk)
    assert (stored.status, stored.price_minor, stored.term_number) == (S.COMP, 0, 1)
    assert (stored.started_at, stored.term_start, stored.term_end) == (START, START, datetime(2026, 3, 31, 6, 0, tzinfo=UTC))
    assert [(e.from_status, e.to_status, e.reason, e.actor, e.occurred_at) for e in stored.events.all()] == [
        (S.PENDING, S.COMP, "comp_granted", staff, START)
    ]
    browser = Client()
    with time_machine.travel(START + timedelta(days=1), tick=False):
        browser.force_login(reader)
        assert "Subscribe now for unlimited access." not in browser.get(premium.get_absolute_url()).text


def test_a_reader_who_already_subscribes_is_not_granted_a_second_subscription(reader, quarterly):
    paying = _active(reader, quarterly)
    with pytest.raises(InvalidOperation) as refused:
        services.subscription_grant_comp(user=reader, plan=quarterly, months=12, now=START)
    assert (refused.value.code, refused.value.message) == ("already_subscribed", f"{reader} already has a subscription.")
    assert list(Subscription.objects.values_list("pk", "status")) == [(paying.pk, S.ACTIVE)]
    assert paying.events.count() == 1
