"""Business staff set the days a failed renewal is tried again; left alone,
the site's default (MASTHEAD_RENEWAL_RETRY_DAYS) applies as before."""

from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.test import Client

from masthead.payments.models import Payment
from masthead.subscriptions import billing, selectors
from masthead.subscriptions.models import RetrySettings, SubscriptionStatus
from masthead.subscriptions.terms import retry_days_parse
from masthead.testing.stripe import renewal_declined, subscribe
from masthead.testing.subscriptions import make_plan

S = SubscriptionStatus
PAGE = "/admin/subscriptions/retrysettings/1/change/"


@pytest.mark.parametrize(
    ("typed", "days"), [("1, 3, 5", [1, 3, 5]), ("2", [2]), (" 1,2 ,6 ", [1, 2, 6]), ("1; 4", [1, 4])]
)
def test_a_retry_schedule_is_whole_days_in_order_inside_the_grace_period(typed, days):
    assert retry_days_parse(typed, grace_days=7) == days


@pytest.mark.parametrize(
    ("typed", "why"),
    [
        ("3, 1", "Each retry day must come after the one before it"),
        ("1, 1", "Each retry day must come after the one before it"),
        ("0, 2", "at least 1 day after"),
        ("1, 7", "inside the grace period of 7 days (the last can be day 6 at the latest)"),
        ("one", "Write whole days"),
        ("1.5", "Write whole days"),
        ("-1", "Write whole days"),
        ("1,,2", "Write whole days"),
        ("١", "Write whole days"),  # an Arabic-Indic digit is a digit, but not one staff meant
    ],
)
def test_a_retry_schedule_out_of_order_or_past_the_grace_period_is_refused(typed, why):
    with pytest.raises(ValueError, match=why.replace("(", r"\(").replace(")", r"\)")):
        retry_days_parse(typed, grace_days=7)


def test_no_day_to_retry_in_when_the_grace_period_is_a_day_or_none():
    with pytest.raises(ValueError, match="no day to retry in"):
        retry_days_parse("1", grace_days=1)


@pytest.mark.django_db
def test_unset_the_sites_default_applies(settings):
    settings.MASTHEAD_RENEWAL_RETRY_DAYS = [1, 3, 5]
    assert selectors.renewal_retry_days() == [1, 3, 5]
    RetrySettings.objects.create(retry_days="")
    assert selectors.renewal_retry_days() == [1, 3, 5]
    RetrySettings.objects.update(retry_days="2, 4")
    assert selectors.renewal_retry_days() == [2, 4]


@pytest.mark.django_db
def test_the_clock_retries_on_the_days_staff_set(localstripe, django_user_model, settings):
    settings.MASTHEAD_RENEWAL_RETRY_DAYS = [1, 3, 5]
    settings.MASTHEAD_GRACE_DAYS = 7
    RetrySettings.objects.create(retry_days="2, 6")
    reader = django_user_model.objects.create_user(username="late", email="late@example.test", password="a long password here")
    subscription = renewal_declined(subscribe(reader, make_plan(price_minor=900_00, term_months=3)))
    end = subscription.term_end
    assert selectors.renewal_retry_at(subscription) == end + timedelta(days=2)

    def tries():
        return Payment.objects.filter(subscription=subscription, term_number=2).count()

    billing.billing_clock_tick(now=end + timedelta(days=1, hours=1))  # the site's default day: not now
    assert tries() == 1
    billing.billing_clock_tick(now=end + timedelta(days=2, minutes=1))
    assert tries() == 2
    billing.billing_clock_tick(now=end + timedelta(days=5, minutes=1))
    assert tries() == 2
    billing.billing_clock_tick(now=end + timedelta(days=6, minutes=1))
    assert tries() == 3
    billing.billing_clock_tick(now=end + timedelta(days=7, minutes=1))
    subscription.refresh_from_db()
    assert subscription.status == S.LAPSED and tries() == 3


def _staff(group: str, username: str) -> Client:
    user = get_user_model().objects.create_user(
        username=username, email=f"{username}@example.test", password="a long password here", is_staff=True
    )
    user.groups.add(Group.objects.get(name=group))
    browser = Client()
    browser.force_login(user)
    return browser


@pytest.mark.django_db
def test_business_staff_set_the_retry_days_and_a_bad_schedule_changes_nothing(settings):
    settings.MASTHEAD_GRACE_DAYS = 7
    browser = _staff("Business", "sales")
    page = browser.get("/admin/subscriptions/retrysettings/", follow=True)
    assert page.status_code == 200 and 'name="retry_days"' in page.text
    assert "1, 3, 5 days after the term&#x27;s end (the site&#x27;s default)" in page.text

    saved = browser.post(PAGE, {"retry_days": "2,4"}, follow=True)
    assert "Renewal retry settings saved." in saved.text
    assert RetrySettings.current().retry_days == "2, 4"
    assert selectors.renewal_retry_days() == [2, 4]

    refused = browser.post(PAGE, {"retry_days": "4, 9"})
    assert refused.status_code == 200
    assert "Every retry must fall inside the grace period of 7 days" in refused.content.decode()
    assert RetrySettings.current().retry_days == "2, 4"

    browser.post(PAGE, {"retry_days": ""}, follow=True)
    assert selectors.renewal_retry_days() == [1, 3, 5]


@pytest.mark.django_db
def test_newsroom_and_support_staff_cannot_see_the_retry_days():
    for group in ("Newsroom", "Support"):
        assert _staff(group, group.lower()).get(PAGE).status_code == 403
