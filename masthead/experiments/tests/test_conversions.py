"""Exposures and conversions are counted once, and only where they belong."""

from datetime import timedelta

import pytest
from django.utils import timezone

from masthead.experiments.models import Conversion, Exposure
from masthead.experiments.services import conversion_record, conversion_withdraw, exposure_link, exposure_record
from masthead.payments.models import Payment, PaymentStatus
from masthead.subscriptions.models import Subscription, SubscriptionStatus
from masthead.subscriptions.terms import TRIAL_TERM
from masthead.testing.subscriptions import make_plan

from .factories import make_allowance_experiment

pytestmark = pytest.mark.django_db


@pytest.fixture
def reader(django_user_model):
    return django_user_model.objects.create_user(username="asha", email="asha@example.test")


def _payment(user, *, amount_minor=900_00, status=PaymentStatus.SUCCEEDED, at=None, key="k1", term_number=1):
    subscription = Subscription.objects.filter(user=user).first()
    if subscription is None:
        plan = make_plan()
        subscription = Subscription.objects.create(user=user, plan=plan, price_minor=plan.price_minor, term_months=plan.term_months)
    return Payment.objects.create(
        subscription=subscription, amount_minor=amount_minor, term_number=term_number, charge_key=key, status=status,
        succeeded_at=at or timezone.now(),
    )  # fmt: skip


def _exposed(experiment, *, user=None, reader_id="a:1", at=None):
    arm = experiment.arms.first()
    exposure_record(experiment_id=experiment.pk, arm_id=arm.pk, reader_id=reader_id, user_id=user.pk if user else None, now=at or timezone.now())
    return Exposure.objects.get(experiment=experiment, reader=reader_id)


def test_a_reader_is_exposed_once_however_often_it_is_recorded(reader):
    experiment = make_allowance_experiment(arms={"a": 5, "b": 3})
    arm = experiment.arms.first()
    assert exposure_record(experiment_id=experiment.pk, arm_id=arm.pk, reader_id="a:1", user_id=None, now=timezone.now())
    assert not exposure_record(experiment_id=experiment.pk, arm_id=arm.pk, reader_id="a:1", user_id=None, now=timezone.now())
    assert Exposure.objects.count() == 1


def test_a_payment_settled_twice_converts_once(reader):
    experiment = make_allowance_experiment(arms={"a": 5, "b": 3})
    _exposed(experiment, user=reader, reader_id=f"u:{reader.pk}", at=timezone.now() - timedelta(minutes=5))
    payment = _payment(reader)
    conversion_record(payment)
    conversion_record(payment)
    renewal = _payment(reader, key="k2", term_number=2)  # still one reader converted
    conversion_record(renewal)
    assert Conversion.objects.count() == 1 and Conversion.objects.get().payment == payment


@pytest.mark.parametrize(
    "payment_changes",
    [{"amount_minor": 0}, {"status": PaymentStatus.FAILED}],
    ids=["a free trial's start", "a declined card"],
)
def test_what_is_not_a_paid_checkout_converts_nobody(reader, payment_changes):
    experiment = make_allowance_experiment(arms={"a": 5, "b": 3})
    _exposed(experiment, user=reader, reader_id=f"u:{reader.pk}", at=timezone.now() - timedelta(minutes=5))
    conversion_record(_payment(reader, **payment_changes))
    assert not Conversion.objects.exists()


def test_a_payment_after_the_end_or_before_the_exposure_converts_nothing(reader):
    now = timezone.now()
    ended = make_allowance_experiment(arms={"a": 5, "b": 3}, key="ended", starts_at=now - timedelta(days=20), ends_at=now - timedelta(days=1))
    _exposed(ended, user=reader, reader_id=f"u:{reader.pk}", at=now - timedelta(days=10))
    conversion_record(_payment(reader, key="after-end"))
    assert not Conversion.objects.exists()

    later = make_allowance_experiment(arms={"a": 5, "b": 3}, key="later", starts_at=now - timedelta(hours=2))
    _exposed(later, user=reader, reader_id=f"u:{reader.pk}", at=now)
    conversion_record(_payment(reader, key="before-exposure", at=now - timedelta(hours=1), term_number=2))
    assert not Conversion.objects.exists()


def test_at_sign_up_the_browsers_exposure_becomes_the_accounts_unless_the_account_has_its_own(reader, django_user_model):
    experiment = make_allowance_experiment(arms={"a": 5, "b": 3})
    browser = _exposed(experiment, reader_id="a:browser")
    assert exposure_link(anonymous_reader="a:browser", user=reader) == 1
    browser.refresh_from_db()
    assert browser.user == reader

    other = django_user_model.objects.create_user(username="ravi", email="ravi@example.test")
    _exposed(experiment, user=other, reader_id=f"u:{other.pk}")
    _exposed(experiment, reader_id="a:second-browser")
    assert exposure_link(anonymous_reader="a:second-browser", user=other) == 0
    assert Exposure.objects.get(reader="a:second-browser").user is None


def test_an_arm_met_after_the_checkout_began_is_not_converted_by_its_first_paid_term(reader):
    now = timezone.now()
    experiment = make_allowance_experiment(arms={"a": 5, "b": 3}, starts_at=now - timedelta(days=40))
    plan = make_plan(trial_months=1)
    trial = Subscription.objects.create(
        user=reader, plan=plan, price_minor=plan.price_minor, term_months=plan.term_months, term_number=TRIAL_TERM
    )
    Subscription.objects.filter(pk=trial.pk).update(created_at=now - timedelta(days=30))
    _exposed(experiment, user=reader, reader_id=f"u:{reader.pk}", at=now - timedelta(days=29))  # during the trial
    first_paid_term = _payment(reader, key="first-paid-term", at=now)
    conversion_record(first_paid_term)
    assert not Conversion.objects.exists()

    Exposure.objects.update(exposed_at=now - timedelta(days=31))  # met before the trial's checkout began
    conversion_record(first_paid_term)
    assert Conversion.objects.count() == 1


def test_a_sign_up_with_a_subscription_already_or_as_staff_takes_no_exposure(reader, django_user_model):
    experiment = make_allowance_experiment(arms={"a": 5, "b": 3})
    plan = make_plan()
    Subscription.objects.create(
        user=reader, plan=plan, price_minor=plan.price_minor, term_months=plan.term_months,
        status=SubscriptionStatus.ACTIVE, term_number=TRIAL_TERM,
        term_start=timezone.now(), term_end=timezone.now() + timedelta(days=30),
    )  # fmt: skip
    _exposed(experiment, reader_id="a:browser")
    assert exposure_link(anonymous_reader="a:browser", user=reader) == 0

    staff = django_user_model.objects.create_user(username="desk", email="desk@example.test", is_staff=True)
    assert exposure_link(anonymous_reader="a:browser", user=staff) == 0
    assert Exposure.objects.get(reader="a:browser").user is None


def test_a_reader_who_was_paying_already_converts_on_no_later_payment(reader):
    experiment = make_allowance_experiment(arms={"a": 5, "b": 3})
    _payment(reader, key="paid-before", at=timezone.now() - timedelta(days=40))  # a subscriber before the experiment
    _exposed(experiment, user=reader, reader_id=f"u:{reader.pk}", at=timezone.now() - timedelta(minutes=5))
    for key, term in (("renewal", 2), ("upgrade", 3), ("recovered", 4)):
        conversion_record(_payment(reader, key=key, term_number=term))
    assert not Conversion.objects.exists()


def test_a_full_refund_withdraws_the_conversion_and_a_part_refund_keeps_it(reader):
    experiment = make_allowance_experiment(arms={"a": 5, "b": 3})
    _exposed(experiment, user=reader, reader_id=f"u:{reader.pk}", at=timezone.now() - timedelta(minutes=5))
    refunded = _payment(reader, key="refunded")
    conversion_record(refunded)
    assert Conversion.objects.get().payment == refunded
    Payment.objects.filter(pk=refunded.pk).update(status=PaymentStatus.REFUNDED, refunded_at=timezone.now())
    refunded.refresh_from_db()
    assert conversion_withdraw(refunded) == 1
    assert not Conversion.objects.exists()

    # The money went back, so the reader never paid: their next checkout is their first paid one.
    again = _payment(reader, key="again", term_number=2)
    conversion_record(again)
    assert Conversion.objects.get().payment == again
    Payment.objects.filter(pk=again.pk).update(status=PaymentStatus.REFUNDED, refunded_minor=100_00)
    again.refresh_from_db()
    assert conversion_withdraw(again) == 0  # part of it kept (credited to an upgrade): still a paying reader
    assert Conversion.objects.get().payment == again
