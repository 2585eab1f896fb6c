"""What a reader might try to get more partner codes than the partner's period
allows: a forged or replayed form, two claims at once, a claim in flight
while the renewal lands, and claims without a paid, running term."""

import threading
from datetime import timedelta

import pytest
import time_machine
from django.db import connection
from django.test import Client

from masthead.core.errors import InvalidOperation
from masthead.partners import services as partner_services
from masthead.partners.models import PartnerCode
from masthead.partners.policy import ClaimPeriod
from masthead.partners.services import partner_code_claim
from masthead.subscriptions.models import EventReason, SubscriptionStatus
from masthead.subscriptions.services import subscription_begin, term_end_after
from masthead.subscriptions.states import subscription_move
from masthead.testing.subscriptions import make_plan

from masthead.testing.concurrency import in_threads

from .helpers import account_at, at, claim_at, codes_of, make_partner, make_reader, signed_in, subscribed_at

S = SubscriptionStatus
CLAIM_DAY = at(2026, 3, 4, 9)


@pytest.fixture
def reader(django_user_model):
    return make_reader(django_user_model)


@pytest.fixture
def subscriber(reader):
    """A reader whose quarterly subscription was paid on 3 March 2026; returns the subscription."""
    return subscribed_at(reader, at(2026, 3, 3, 10))


@pytest.mark.django_db
def test_a_claim_forged_without_the_forms_token_is_refused(reader, subscriber):
    partner = make_partner()
    with time_machine.travel(CLAIM_DAY, tick=False):
        forger = Client(enforce_csrf_checks=True)
        forger.force_login(reader)
        assert forger.post(f"/account/partners/{partner.slug}/claim/").status_code == 403
    assert codes_of(reader) == []


@pytest.mark.django_db
def test_a_claim_is_a_signed_in_post_and_nothing_else(reader, subscriber):
    partner = make_partner()
    with time_machine.travel(CLAIM_DAY, tick=False):
        assert signed_in(reader).get(f"/account/partners/{partner.slug}/claim/").status_code == 405
        signed_out = Client().post(f"/account/partners/{partner.slug}/claim/")
        assert signed_out.status_code == 302 and "/login" in signed_out["Location"]
    assert not PartnerCode.objects.filter(claimed_by__isnull=False).exists()


@pytest.mark.django_db
def test_a_partner_no_longer_offered_gives_no_code_by_form_or_by_call(reader, subscriber):
    partner = make_partner()
    page = account_at(reader, CLAIM_DAY)
    assert "Claim your code for The World Review" in page
    partner.is_active = False  # staff switch it off while the page is open
    partner.save()
    assert claim_at(reader, partner, CLAIM_DAY).status_code == 404
    with time_machine.travel(CLAIM_DAY, tick=False), pytest.raises(InvalidOperation) as refused:
        partner_code_claim(user=reader, partner=partner)
    assert refused.value.code == "not_offered"
    assert codes_of(reader) == []


@pytest.mark.django_db
@pytest.mark.parametrize("period", list(ClaimPeriod))
def test_replaying_the_claim_shows_the_same_code(reader, subscriber, period):
    partner = make_partner(period=period)
    pages = [claim_at(reader, partner, CLAIM_DAY + timedelta(minutes=n)).text for n in range(4)]
    (code,) = codes_of(reader)
    assert all(code in page for page in pages)


def claims_meet_after_deciding(monkeypatch):
    """Two claims each decide they may take a code, then wait for each other
    before taking one: only the database can stop the second."""
    both_decided = threading.Barrier(2)
    real_outlook = partner_services.claim_outlook

    def outlook_then_wait(**facts):
        decision = real_outlook(**facts)
        if decision.allowed:
            both_decided.wait(timeout=10)
        return decision

    monkeypatch.setattr(partner_services, "claim_outlook", outlook_then_wait)


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("period", list(ClaimPeriod))
def test_two_claims_at_once_a_double_click_or_two_tabs_get_one_code(reader, subscriber, monkeypatch, period):
    partner = make_partner(period=period)
    # Both requests decide before either takes a code: only the database can stop the second.
    claims_meet_after_deciding(monkeypatch)

    def claim():
        return partner_code_claim(user=reader, partner=partner, now=CLAIM_DAY).code

    results, errors = in_threads(claim, claim)
    assert not errors, errors
    (code,) = codes_of(reader)
    assert results == [code, code]


@pytest.mark.django_db(transaction=True)
def test_a_double_click_on_the_last_code_shows_it_in_both_tabs_not_an_empty_pool(reader, subscriber, monkeypatch):
    """The second click finds the only free code locked by the first: it is
    the subscriber's own claim in flight, not an empty pool."""
    partner = make_partner(codes=1)
    claims_meet_after_deciding(monkeypatch)

    def claim():
        return partner_code_claim(user=reader, partner=partner, now=CLAIM_DAY).code

    results, errors = in_threads(claim, claim)
    assert not errors, [getattr(error, "message", error) for error in errors]
    assert results == codes_of(reader) * 2


@pytest.mark.django_db(transaction=True)
def test_a_claim_in_flight_while_the_renewal_lands_gives_no_second_code_that_year(reader, subscriber, monkeypatch):
    """A tab claims in the last minute of a term; the renewal commits and a
    second tab claims under the new term before the first has taken its code.
    Two terms, one year of subscription: one code."""
    partner = make_partner(period=ClaimPeriod.YEAR)
    subscription = subscriber
    first_term_end = subscription.term_end
    decided, renewed = threading.Event(), threading.Event()
    real_outlook = partner_services.claim_outlook

    def stalled_first_claim(**facts):
        decision = real_outlook(**facts)
        if threading.current_thread() is not threading.main_thread() and decision.allowed:
            decided.set()
            renewed.wait(timeout=10)
        return decision

    monkeypatch.setattr(partner_services, "claim_outlook", stalled_first_claim)
    in_flight = {}

    def first_tab():
        try:
            in_flight["code"] = partner_code_claim(user=reader, partner=partner, now=first_term_end - timedelta(minutes=1))
        except Exception as error:  # noqa: BLE001
            in_flight["error"] = error
        finally:
            connection.close()

    tab = threading.Thread(target=first_tab)
    tab.start()
    assert decided.wait(timeout=10)
    subscription_move(
        subscription=subscription, to=S.ACTIVE, reason=EventReason.RENEWED, now=first_term_end, term_number=2,
        term_start=first_term_end, term_end=term_end_after(first_term_end, 3),
    )  # fmt: skip
    second = partner_code_claim(user=reader, partner=partner, now=first_term_end + timedelta(minutes=1))
    renewed.set()
    tab.join(30)
    assert "error" not in in_flight, in_flight
    assert codes_of(reader) == [second.code]
    assert in_flight["code"].code == second.code


def _moved(subscription, *moves):
    for to, reason in moves:
        subscription_move(subscription=subscription, to=to, reason=reason, now=CLAIM_DAY - timedelta(hours=1))
    return subscription


@pytest.mark.django_db
@pytest.mark.parametrize(
    "moves",
    [
        [(S.REFUNDED, EventReason.REFUNDED_BY_STAFF)],
        [(S.ENDED, EventReason.TERM_OVER)],
        [(S.PAST_DUE, EventReason.RENEWAL_FAILED), (S.LAPSED, EventReason.GRACE_OVER)],
    ],
    ids=["refunded", "ended", "lapsed"],
)
def test_a_subscription_that_no_longer_reads_claims_nothing(reader, subscriber, moves):
    partner = make_partner(period=ClaimPeriod.YEAR)
    _moved(subscriber, *moves)
    page = claim_at(reader, partner, CLAIM_DAY).text
    assert codes_of(reader) == []
    assert "Partner access comes with an active subscription." in page
    assert "Included with a subscription." in page


@pytest.mark.django_db
def test_a_checkout_not_yet_paid_claims_nothing(reader):
    partner = make_partner()
    subscription_begin(user=reader, plan=make_plan())
    page = claim_at(reader, partner, CLAIM_DAY).text
    assert codes_of(reader) == []
    assert "Partner access comes with an active subscription." in page


@pytest.mark.django_db
def test_a_cancelled_subscription_still_claims_for_the_term_it_paid_for(reader, subscriber):
    partner = make_partner()
    _moved(subscriber, (S.CANCELLING, EventReason.CANCELLED_BY_READER))
    page = claim_at(reader, partner, CLAIM_DAY).text
    (code,) = codes_of(reader)
    assert code in page


@pytest.mark.django_db
def test_a_renewal_that_failed_gives_no_new_code_in_the_grace_period(reader, subscriber):
    partner = make_partner(period=ClaimPeriod.TERM)
    subscription = subscriber
    in_grace = subscription.term_end + timedelta(days=2)
    subscription_move(
        subscription=subscription, to=S.PAST_DUE, reason=EventReason.RENEWAL_FAILED, now=subscription.term_end,
        grace_until=subscription.term_end + timedelta(days=7),
    )  # fmt: skip
    page = claim_at(reader, partner, in_grace).text
    assert codes_of(reader) == []
    assert "Partner codes come with a paid term: you can claim yours once your renewal is paid." in page
    assert "Claim your" not in page
