"""The cancel page's rules: which one offer a subscriber is shown, what
accepting it does, that declining is cancelling, and that every outcome is
recorded once with the answer given."""

from datetime import UTC, datetime, timedelta

import pytest
import time_machine

from masthead.core.errors import InvalidOperation
from masthead.invoicing.models import Invoice
from masthead.payments.models import Payment, PaymentStatus
from masthead.subscriptions import billing, services
from masthead.subscriptions.cancelling import (
    CancelRefused,
    SaveOfferRefused,
    cancel_answer_last,
    cancel_answered,
    save_offer_accept,
    save_offer_for,
)
from masthead.subscriptions.models import (
    CancelAnswer,
    CancelOutcome,
    CancelReason,
    PauseSettings,
    RenewalNotice,
    SaveOfferKind,
    SaveOfferSettings,
    Subscription,
    SubscriptionStatus,
)
from masthead.testing.stripe import subscribe
from masthead.testing.subscriptions import make_offer, make_plan

pytestmark = pytest.mark.django_db
S = SubscriptionStatus
START = datetime(2026, 1, 31, 6, 0, tzinfo=UTC)  # 11:30 on 31 January in Kolkata; the term ends on 30 April


@pytest.fixture
def reader(django_user_model):
    return django_user_model.objects.create_user(username="leaver", email="leaver@example.test", password="x" * 20)


@pytest.fixture
def quarterly():
    return make_plan(name="Smart Quarterly", price_minor=900_00, term_months=3)


@pytest.fixture
def stay_offer(quarterly):
    with time_machine.travel(START - timedelta(days=30), tick=False):
        return make_offer(quarterly, name="Stay with us", kind="percent", value=40)


def _active(reader, plan, now=START):
    return services.subscription_activate(subscription=services.subscription_begin(user=reader, plan=plan), now=now)


def _offer(kind="", **fields):
    SaveOfferSettings(kind=kind, **fields).save()


def test_without_an_offer_cancelling_records_the_answer_and_cancels_at_the_terms_end(reader, quarterly):
    subscription = _active(reader, quarterly)
    now = START + timedelta(days=10)
    assert save_offer_for(subscription=subscription, now=now) is None

    cancel_answered(subscription=subscription, reason=CancelReason.TOO_EXPENSIVE, text="  Too dear for me  ", now=now)

    assert subscription.status == S.CANCELLING and subscription.term_end > now
    (answer,) = CancelAnswer.objects.all()
    assert (answer.subscription, answer.reason, answer.text, answer.offer_shown, answer.outcome, answer.at) == (
        subscription, "too_expensive", "Too dear for me", "", CancelOutcome.CANCELLED, now,
    )  # fmt: skip


def test_the_question_is_optional(reader, quarterly):
    subscription = _active(reader, quarterly)
    cancel_answered(subscription=subscription, now=START + timedelta(days=1))
    assert CancelAnswer.objects.get().reason == "" and subscription.status == S.CANCELLING


@pytest.mark.parametrize("reason, text", [("bored", ""), ("other", "x" * 501)])
def test_an_answer_outside_the_question_is_refused_and_nothing_changes(reader, quarterly, reason, text):
    subscription = _active(reader, quarterly)
    with pytest.raises(InvalidOperation):
        cancel_answered(subscription=subscription, reason=reason, text=text, now=START + timedelta(days=1))
    subscription.refresh_from_db()
    assert subscription.status == S.ACTIVE and not CancelAnswer.objects.exists()


def test_pause_instead_pauses_for_the_staff_months_and_keeps_the_subscription(reader, quarterly):
    _offer(SaveOfferKind.PAUSE, pause_months=2)
    subscription = _active(reader, quarterly)
    now = START + timedelta(days=10)
    shown = save_offer_for(subscription=subscription, now=now)
    assert shown.title == "Pause for 2 months instead"
    assert "Keep reading until 30 April 2026" in shown.in_words and "starts again on 30 June 2026 at ₹900" in shown.in_words

    save_offer_accept(subscription=subscription, key=shown.key, reason=CancelReason.BREAK, now=now)

    assert subscription.status == S.PAUSED
    assert f"{subscription.pause_until.astimezone(subscription.term_end.tzinfo):%d %m}" == "30 06"
    answer = CancelAnswer.objects.get()
    assert (answer.offer_shown, answer.outcome, answer.reason) == (SaveOfferKind.PAUSE, CancelOutcome.OFFER_ACCEPTED, "break")


def test_a_reader_who_may_not_pause_is_not_offered_a_pause(reader, quarterly):
    _offer(SaveOfferKind.PAUSE, pause_months=1)
    subscription = _active(reader, quarterly)
    now = START + timedelta(days=10)
    PauseSettings(pauses_per_year=0).save()
    assert save_offer_for(subscription=subscription, now=now) is None
    # Nor by posting the pause anyway.
    with pytest.raises(SaveOfferRefused):
        save_offer_accept(subscription=subscription, key="pause-1", now=now)
    subscription.refresh_from_db()
    assert subscription.status == S.ACTIVE and not CancelAnswer.objects.exists()


def test_a_trial_is_asked_the_question_but_offered_nothing(reader, stay_offer):
    _offer(SaveOfferKind.DISCOUNT, discount_offer=stay_offer)
    trial_plan = make_plan(name="Trial Quarterly", price_minor=900_00, term_months=3, trial_days=14)
    stay_offer.plans.add(trial_plan)
    subscription = _active(reader, trial_plan)
    assert subscription.in_trial
    assert save_offer_for(subscription=subscription, now=START + timedelta(days=2)) is None
    _offer(SaveOfferKind.PAUSE, pause_months=1)
    assert save_offer_for(subscription=subscription, now=START + timedelta(days=2)) is None


def test_a_discount_makes_the_next_renewal_cheaper_once(reader, quarterly, stay_offer):
    _offer(SaveOfferKind.DISCOUNT, discount_offer=stay_offer)
    subscription = _active(reader, quarterly)
    now = START + timedelta(days=10)
    shown = save_offer_for(subscription=subscription, now=now)
    assert shown.price.minor == 540_00 and shown.button == "Stay for ₹540"
    assert "your next renewal on 30 April 2026 costs ₹540 instead of ₹900, once" in shown.in_words

    save_offer_accept(subscription=subscription, key=shown.key, now=now)

    assert subscription.status == S.ACTIVE
    assert subscription.renewal_price.minor == 540_00
    assert subscription.term_price(3).minor == 900_00  # the term after is at the plan's price
    stay_offer.refresh_from_db()
    assert stay_offer.redemptions_used == 1
    assert subscription.events.last().reason == "save_discount_taken"
    # Once per subscription: cancelling again offers nothing, and a forged post changes nothing.
    assert save_offer_for(subscription=subscription, now=now) is None
    with pytest.raises(SaveOfferRefused, match="already taken this offer"):
        save_offer_accept(subscription=subscription, key=shown.key, now=now)
    cancel_answered(subscription=subscription, now=now + timedelta(days=1))
    services.subscription_resume(subscription=subscription, now=now + timedelta(days=2))
    assert save_offer_for(subscription=subscription, now=now + timedelta(days=2)) is None
    assert subscription.renewal_price.minor == 540_00
    stay_offer.refresh_from_db()
    assert stay_offer.redemptions_used == 1


def test_a_discount_is_not_offered_where_it_would_not_apply(reader, quarterly, stay_offer):
    _offer(SaveOfferKind.DISCOUNT, discount_offer=stay_offer)
    subscription = _active(reader, quarterly)
    now = START + timedelta(days=10)
    assert save_offer_for(subscription=subscription, now=now) is not None
    # Not once the renewal is due (it may be being charged).
    assert save_offer_for(subscription=subscription, now=subscription.term_end + timedelta(minutes=1)) is None
    # Not while the offer is switched off, nor for a plan it is not for.
    stay_offer.is_active = False
    stay_offer.save()
    assert save_offer_for(subscription=subscription, now=now) is None
    stay_offer.is_active = True
    stay_offer.save()
    stay_offer.plans.clear()
    assert save_offer_for(subscription=subscription, now=now) is None


def test_a_discount_whose_redemptions_are_used_up_is_not_offered(reader, quarterly, stay_offer, django_user_model):
    stay_offer.max_redemptions = 1
    stay_offer.save()
    _offer(SaveOfferKind.DISCOUNT, discount_offer=stay_offer)
    first = _active(reader, quarterly)
    other = django_user_model.objects.create_user(username="other", email="other@example.test", password="x" * 20)
    second = _active(other, quarterly)
    now = START + timedelta(days=10)
    key = save_offer_for(subscription=second, now=now).key
    save_offer_accept(subscription=first, key=save_offer_for(subscription=first, now=now).key, now=now)

    assert save_offer_for(subscription=second, now=now) is None
    with pytest.raises(SaveOfferRefused):
        save_offer_accept(subscription=second, key=key, now=now)
    second.refresh_from_db()
    assert second.save_offer_id is None and second.renewal_price.minor == 900_00


def test_a_discount_no_better_than_an_introductory_offers_next_term_is_not_shown(reader, quarterly, stay_offer):
    with time_machine.travel(START, tick=False):
        welcome = make_offer(quarterly, name="Welcome", value=50, terms=2)
    subscription = services.subscription_activate(
        subscription=services.subscription_begin(user=reader, plan=quarterly, offer=welcome), now=START
    )
    _offer(SaveOfferKind.DISCOUNT, discount_offer=stay_offer)
    assert subscription.renewal_price.minor == 450_00
    assert save_offer_for(subscription=subscription, now=START + timedelta(days=10)) is None


def test_a_posted_offer_that_is_not_the_current_one_is_refused_and_changes_nothing(reader, quarterly, stay_offer):
    _offer(SaveOfferKind.DISCOUNT, discount_offer=stay_offer)
    subscription = _active(reader, quarterly)
    now = START + timedelta(days=10)
    real = save_offer_for(subscription=subscription, now=now).key
    for forged in ("pause-3", f"discount-{stay_offer.pk}-100", "discount-99999-540", "", real + "0"):
        with pytest.raises(SaveOfferRefused, match="not available"):
            save_offer_accept(subscription=subscription, key=forged, now=now)
    subscription.refresh_from_db()
    stay_offer.refresh_from_db()
    assert subscription.status == S.ACTIVE and subscription.save_offer_id is None and stay_offer.redemptions_used == 0
    assert not CancelAnswer.objects.exists()
    # Staff changing the offer after the page was shown: the old page's offer is refused.
    _offer(SaveOfferKind.PAUSE, pause_months=1)
    with pytest.raises(SaveOfferRefused):
        save_offer_accept(subscription=subscription, key=real, now=now)
    assert subscription.save_offer_id is None


def test_accepting_after_cancelling_in_another_window_is_refused(reader, quarterly, stay_offer):
    _offer(SaveOfferKind.DISCOUNT, discount_offer=stay_offer)
    subscription = _active(reader, quarterly)
    now = START + timedelta(days=10)
    key = save_offer_for(subscription=subscription, now=now).key
    seen = cancel_answer_last(subscription=subscription)
    other_tab = Subscription.objects.get(pk=subscription.pk)
    cancel_answered(subscription=other_tab, seen=seen, now=now)

    with pytest.raises(SaveOfferRefused, match="cancelled already"):
        save_offer_accept(subscription=subscription, key=key, seen=seen, now=now)

    subscription.refresh_from_db()
    assert subscription.status == S.CANCELLING and subscription.save_offer_id is None
    assert list(CancelAnswer.objects.values_list("outcome", flat=True)) == [CancelOutcome.CANCELLED]


def test_cancelling_after_taking_the_offer_in_another_window_is_refused(reader, quarterly, stay_offer):
    _offer(SaveOfferKind.DISCOUNT, discount_offer=stay_offer)
    subscription = _active(reader, quarterly)
    now = START + timedelta(days=10)
    key = save_offer_for(subscription=subscription, now=now).key
    seen = cancel_answer_last(subscription=subscription)
    save_offer_accept(subscription=Subscription.objects.get(pk=subscription.pk), key=key, seen=seen, now=now)

    with pytest.raises(CancelRefused, match="You took the offer a moment ago"):
        cancel_answered(subscription=subscription, seen=seen, now=now)

    subscription.refresh_from_db()
    assert subscription.status == S.ACTIVE and subscription.renewal_price.minor == 540_00
    assert list(CancelAnswer.objects.values_list("outcome", flat=True)) == [CancelOutcome.OFFER_ACCEPTED]
    # A fresh visit to the cancel page may still cancel.
    cancel_answered(subscription=subscription, seen=cancel_answer_last(subscription=subscription), now=now)
    assert subscription.status == S.CANCELLING


def test_cancel_pressed_twice_cancels_once(reader, quarterly):
    subscription = _active(reader, quarterly)
    now = START + timedelta(days=10)
    cancel_answered(subscription=subscription, now=now)
    with pytest.raises(CancelRefused, match="already cancelled"):
        cancel_answered(subscription=Subscription.objects.get(pk=subscription.pk), now=now)
    assert CancelAnswer.objects.count() == 1 and subscription.events.filter(reason="cancelled_by_reader").count() == 1


def test_staff_cannot_save_a_discount_without_an_offer_nor_a_pause_outside_the_limits():
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError, match="Choose the offer"):
        SaveOfferSettings(kind=SaveOfferKind.DISCOUNT).full_clean()
    with pytest.raises(ValidationError, match="A pause lasts 1 to 3 months"):
        SaveOfferSettings(kind=SaveOfferKind.PAUSE, pause_months=6).full_clean()


@pytest.mark.django_db(transaction=True)  # the notices are mailed on commit
def test_a_discounted_renewal_is_announced_charged_and_invoiced_at_the_discount_then_the_plans_price(
    localstripe, smtp, reader, quarterly
):
    subscription = subscribe(reader, quarterly)
    stay = make_offer(quarterly, name="Stay with us", kind="fixed", value=300_00)
    _offer(SaveOfferKind.DISCOUNT, discount_offer=stay)
    end = subscription.term_end
    # The notice went out at the full price before the reader took the discount: it is withdrawn and sent again.
    billing.renewal_notices_send(now=end - timedelta(hours=47))
    assert RenewalNotice.objects.get(subscription=subscription, term_number=2).amount_minor == 900_00
    taken_at = end - timedelta(hours=40)
    save_offer_accept(subscription=subscription, key=save_offer_for(subscription=subscription, now=taken_at).key, now=taken_at)
    assert not RenewalNotice.objects.filter(subscription=subscription, term_number=2).exists()
    billing.renewal_notices_send(now=end - timedelta(hours=39))
    assert RenewalNotice.objects.get(subscription=subscription, term_number=2).amount_minor == 600_00
    notice = [m for m in smtp.for_address(reader.email) if "renews on" in m["Subject"]][-1].get_body(("plain",)).get_content()
    assert "we will charge ₹600" in notice and "(Stay with us): ₹600 instead of ₹900, this once" in notice

    billing.renewals_charge(now=end + timedelta(minutes=1))
    (paid,) = Payment.objects.filter(subscription=subscription, term_number=2)
    assert paid.status == PaymentStatus.SUCCEEDED and paid.amount_minor == 600_00
    invoice = Invoice.objects.get(payment=paid)
    assert (invoice.total_minor, invoice.discount_minor > 0) == (600_00, True)
    assert "Stay with us, this renewal only" in invoice.discount_label

    subscription.refresh_from_db()
    assert subscription.term_number == 2 and subscription.renewal_price.minor == 900_00
    second_end = subscription.term_end
    billing.renewal_notices_send(now=second_end - timedelta(hours=47))
    last = [m for m in smtp.for_address(reader.email) if "renews on" in m["Subject"]][-1].get_body(("plain",)).get_content()
    assert "we will charge ₹900" in last and "was for the last renewal" in last


def test_a_discount_taken_and_a_plan_change_exclude_each_other(reader, quarterly, stay_offer, django_user_model):
    """The discount is worked out on this plan's price for the next renewal;
    a plan change at that renewal would charge another price than promised."""
    from masthead.subscriptions.plan_changes import SAVE_DISCOUNT_PENDING, PlanChangeRefused

    monthly = make_plan(name="Smart Monthly", price_minor=300_00, term_months=1)
    yearly = make_plan(name="Smart Yearly", price_minor=3000_00, term_months=12)
    _offer(SaveOfferKind.DISCOUNT, discount_offer=stay_offer)
    now = START + timedelta(days=10)

    discounted = _active(reader, quarterly)
    save_offer_accept(subscription=discounted, key=save_offer_for(subscription=discounted, now=now).key, now=now)
    for plan in (monthly, yearly):
        with pytest.raises(PlanChangeRefused) as refused:
            services.plan_change_schedule(subscription=discounted, plan=plan, now=now)
        assert refused.value.message == SAVE_DISCOUNT_PENDING
    discounted.refresh_from_db()
    assert discounted.next_plan_id is None and discounted.renewal_price.minor == 540_00

    other = django_user_model.objects.create_user(username="stayer", email="stayer@example.test", password="x" * 20)
    changing = _active(other, quarterly)
    services.plan_change_schedule(subscription=changing, plan=monthly, now=now)
    changing.refresh_from_db()
    assert save_offer_for(subscription=changing, now=now) is None
    with pytest.raises(SaveOfferRefused):
        save_offer_accept(subscription=changing, key=f"discount-{stay_offer.pk}-{540_00}", now=now)
    changing.refresh_from_db()
    assert changing.save_offer_id is None and changing.renewal_price.minor == 300_00

