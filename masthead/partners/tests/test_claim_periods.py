"""Each partner's own period for its codes, as the subscriber meets it on the
account page: once per term, once per year of subscription, once per
subscriber (partners/policy.py has the rule's every case)."""

import random
from datetime import timedelta

import pytest
import time_machine
from django.test import Client

from masthead.demo.partners import demo_partner_load
from masthead.partners.models import Partner, PartnerCode
from masthead.partners.policy import ClaimPeriod
from masthead.payments.models import Payment
from masthead.payments.services import payment_refund
from masthead.subscriptions import billing
from masthead.subscriptions.services import subscription_cancel, subscriptions_end_due
from masthead.testing.stripe import DECLINED_CARD, save_card, subscribe
from masthead.testing.subscriptions import make_plan

from .helpers import account_at, at, claim_at, codes_of, make_partner, make_reader, subscribed_at

pytestmark = pytest.mark.django_db


class RefundingProvider:
    """The provider's side of a staff refund: it succeeds."""

    def refund(self, *, payment_id: str, key: str = "") -> str:
        return "re_test_1"


def _billing_clock_at_term_end(subscription):
    """The billing clock runs as the term ends: the notice two days ahead, the
    renewal charged at the end with the reader's saved card."""
    end = subscription.term_end
    with time_machine.travel(end - timedelta(hours=47), tick=False):
        billing.billing_clock_tick()
    with time_machine.travel(end + timedelta(minutes=1), tick=False):
        billing.billing_clock_tick()
    subscription.refresh_from_db()
    return end


def _renew(subscription):
    end = _billing_clock_at_term_end(subscription)
    assert subscription.term_start == end


def test_a_quarterly_subscriber_gets_a_years_code_once_a_year_not_every_quarter(localstripe, django_user_model):
    partner = make_partner(period=ClaimPeriod.YEAR)
    reader = make_reader(django_user_model)
    with time_machine.travel(at(2026, 3, 3, 10), tick=False):
        subscription = subscribe(reader, make_plan(name="Smart Quarterly", price_minor=900_00, term_months=3))
    page = claim_at(reader, partner, at(2026, 3, 3, 11)).text
    (first,) = codes_of(reader)
    assert first in page
    assert "You claimed your code on 3 March 2026; your next one is available from 3 March 2027." in page
    for quarter in (2, 3, 4):
        _renew(subscription)
        assert subscription.term_number == quarter
        page = claim_at(reader, partner, subscription.term_start + timedelta(days=1)).text
        assert codes_of(reader) == [first], f"a second code in quarter {quarter}"
        assert first in page and "your next one is available from 3 March 2027." in page
        assert "Claim your code for The World Review" not in page
    _renew(subscription)  # the fifth quarter starts on 3 March 2027: a new year of subscription
    page = account_at(reader, at(2027, 3, 3, 11))
    assert "Claim your code for The World Review" in page
    page = claim_at(reader, partner, at(2027, 3, 3, 11)).text
    first_again, second = codes_of(reader)
    assert first_again == first and second != first and second in page
    assert "You claimed your code on 3 March 2027; your next one is available from 3 March 2028." in page


def test_once_per_term_a_code_each_term_as_before(django_user_model):
    partner = make_partner(period=ClaimPeriod.TERM)
    reader = make_reader(django_user_model)
    subscription = subscribed_at(reader, at(2026, 3, 3, 10))
    page = claim_at(reader, partner, at(2026, 3, 4)).text
    claim_at(reader, partner, at(2026, 3, 5))
    (first,) = codes_of(reader)
    assert first in page
    assert (
        "You claimed your code for this term on 4 March 2026; your next one is available from 3 June 2026, "
        "when your subscription renews."
    ) in page
    with time_machine.travel(at(2026, 5, 1), tick=False):
        subscription_cancel(subscription=subscription)
    page = account_at(reader, at(2026, 5, 2))
    assert "You claimed your code for this term on 4 March 2026." in page and "next one" not in page


def test_once_per_subscriber_one_code_ever(django_user_model):
    partner = make_partner(period=ClaimPeriod.SUBSCRIBER)
    reader = make_reader(django_user_model)
    subscription = subscribed_at(reader, at(2026, 3, 3, 10), term_months=12)
    assert "One code per subscriber." in account_at(reader, at(2026, 3, 4))
    claim_at(reader, partner, at(2026, 3, 4))
    with time_machine.travel(at(2027, 2, 1), tick=False):
        subscription_cancel(subscription=subscription)
    with time_machine.travel(at(2027, 3, 4), tick=False):
        subscriptions_end_due()
    subscribed_at(reader, at(2029, 6, 1))
    page = claim_at(reader, partner, at(2029, 6, 2)).text
    assert len(codes_of(reader)) == 1
    assert "You claimed your code on 4 March 2026. It comes once per subscriber." in page
    assert "Claim your" not in page


def _claimed_then_lapsed(django_user_model):
    """A quarterly subscriber from 3 March 2026 who claimed a year-of-subscription
    code that day, cancelled, and whose subscription ended on 4 June 2026."""
    partner = make_partner(period=ClaimPeriod.YEAR)
    reader = make_reader(django_user_model)
    first_subscription = subscribed_at(reader, at(2026, 3, 3, 10))
    claim_at(reader, partner, at(2026, 3, 3, 11))
    with time_machine.travel(at(2026, 4, 1), tick=False):
        subscription_cancel(subscription=first_subscription)
    with time_machine.travel(at(2026, 6, 4), tick=False):
        subscriptions_end_due()
    return partner, reader


def test_lapsing_and_coming_back_within_the_year_of_subscription_gives_no_second_code(django_user_model):
    partner, reader = _claimed_then_lapsed(django_user_model)
    subscribed_at(reader, at(2026, 10, 10, 9))  # back in October, under a new subscription
    page = claim_at(reader, partner, at(2026, 10, 10, 10)).text
    (first,) = codes_of(reader)
    assert first in page
    assert "You claimed your code on 3 March 2026; your next one is available from 3 March 2027." in page
    # Later in the same year of subscription: still the one code.
    claim_at(reader, partner, at(2027, 1, 9, 8))
    assert len(codes_of(reader)) == 1


def test_coming_back_after_the_year_of_subscription_ran_out_gives_that_years_code(django_user_model):
    partner, reader = _claimed_then_lapsed(django_user_model)
    subscribed_at(reader, at(2027, 4, 10, 9))
    page = claim_at(reader, partner, at(2027, 4, 10, 10)).text
    assert len(codes_of(reader)) == 2
    # Years still count from the first start, 3 March, across the lapse.
    assert "You claimed your code on 10 April 2027; your next one is available from 3 March 2028." in page


def test_a_refund_of_the_term_a_code_was_claimed_in_does_not_bring_a_second_code(django_user_model):
    yearly = make_partner(period=ClaimPeriod.YEAR)
    for_life = make_partner(period=ClaimPeriod.SUBSCRIBER, name="The Atlas", slug="atlas")
    each_term = make_partner(period=ClaimPeriod.TERM, name="Quarterly Digest", slug="digest")
    reader = make_reader(django_user_model)
    subscription = subscribed_at(reader, at(2026, 3, 3, 10))
    for partner in (yearly, for_life, each_term):
        claim_at(reader, partner, at(2026, 3, 4))
    # The reader asks for the term's money back, and resubscribes a week later.
    with time_machine.travel(at(2026, 3, 10), tick=False):
        payment_refund(payment=Payment.objects.get(subscription=subscription), provider=RefundingProvider())
    subscription.refresh_from_db()
    assert subscription.status == "refunded"
    assert "Claim your" not in account_at(reader, at(2026, 3, 11))
    subscribed_at(reader, at(2026, 3, 17, 10))
    for partner in (yearly, for_life, each_term):
        claim_at(reader, partner, at(2026, 3, 18))
    held = {code.partner.slug: code for code in PartnerCode.objects.filter(claimed_by=reader)}
    assert PartnerCode.objects.filter(claimed_by=reader, partner=yearly).count() == 1
    assert PartnerCode.objects.filter(claimed_by=reader, partner=for_life).count() == 1
    # A code per paid term: the new subscription's term is paid.
    assert PartnerCode.objects.filter(claimed_by=reader, partner=each_term).count() == 2
    page = account_at(reader, at(2026, 3, 18, 12))
    assert held["world-review"].code in page
    assert "You claimed your code on 4 March 2026; your next one is available from 3 March 2027." in page


def test_in_the_grace_period_a_new_code_waits_for_the_renewal(localstripe, django_user_model):
    partner = make_partner(period=ClaimPeriod.YEAR)
    reader = make_reader(django_user_model)
    with time_machine.travel(at(2026, 3, 3, 10), tick=False):
        subscription = subscribe(reader, make_plan(term_months=12))
    save_card(reader, DECLINED_CARD)
    end = _billing_clock_at_term_end(subscription)
    assert subscription.status == "past_due"
    page = claim_at(reader, partner, end + timedelta(days=1)).text
    assert codes_of(reader) == []
    assert "Partner codes come with a paid term: you can claim yours once your renewal is paid." in page


def test_staff_choose_how_often_a_partners_code_comes(django_user_model):
    partner = make_partner(codes=0)
    staff = Client()
    staff.force_login(django_user_model.objects.create_superuser(username="boss", email="boss@example.test", password="x" * 20))
    assert "Once per year of subscription" in staff.get(f"/admin/partners/partner/{partner.pk}/change/").text
    form = {
        "name": partner.name, "slug": partner.slug, "instructions": partner.instructions, "low_stock_threshold": 5,
        "is_active": "on", "description": "", "redeem_url": "", "claim_period": "year",
    }  # fmt: skip
    staff.post(f"/admin/partners/partner/{partner.pk}/change/", form)
    partner.refresh_from_db()
    assert partner.claim_period == ClaimPeriod.YEAR
    assert "Once per year of subscription" in staff.get("/admin/partners/partner/").text


def test_a_new_partner_keeps_todays_rule_unless_staff_choose_another():
    assert Partner._meta.get_field("claim_period").default == ClaimPeriod.TERM


def test_the_demo_partners_year_of_access_comes_once_per_year_of_subscription():
    partner = demo_partner_load(rng=random.Random(1))
    assert "A year of The World Review" in partner.description
    assert partner.claim_period == ClaimPeriod.YEAR
