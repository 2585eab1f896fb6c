"""Staff who may edit billing details (a reader's name, state, GSTIN for the
tax invoice) may also rewrite which provider customer and saved card the
billing clock charges: ``BillingProfileAdmin`` leaves ``provider``,
``provider_customer_id`` and ``provider_payment_method_id`` editable. A staff
user with neither ``payments.refund_payment`` nor
``subscriptions.run_billing_clock`` can point one reader's renewals at
another reader's card, and the clock charges it.
"""

from datetime import timedelta

import pytest
from django.test import Client

from masthead.payments.models import BillingProfile
from masthead.subscriptions import billing
from masthead.testing.accounts import make_staff
from masthead.testing.stripe import intents_with_key, subscribe
from masthead.testing.subscriptions import make_plan

pytestmark = pytest.mark.django_db


def _reader(django_user_model, name):
    return django_user_model.objects.create_user(username=name, email=f"{name}@example.test", password="a long password here")


def test_staff_editing_billing_details_cannot_point_a_renewal_at_another_readers_card(localstripe, django_user_model):
    plan = make_plan(name="Smart Quarterly", slug="smart-quarterly", price_minor=900_00, term_months=3)
    asha, victim = _reader(django_user_model, "asha"), _reader(django_user_model, "victim")
    subscription = subscribe(asha, plan)
    subscribe(victim, plan)
    theirs = BillingProfile.objects.get(user=victim)
    mine = BillingProfile.objects.get(user=asha)

    support = Client()
    support.force_login(make_staff("payments.view_billingprofile", "payments.change_billingprofile"))
    support.post(
        f"/admin/payments/billingprofile/{mine.pk}/change/",
        {
            "user": asha.pk, "name": mine.name, "state_code": mine.state_code, "gstin": "", "provider": "stripe",
            "provider_customer_id": theirs.provider_customer_id,
            "provider_payment_method_id": theirs.provider_payment_method_id,
        },
    )  # fmt: skip

    mine.refresh_from_db()
    assert (mine.provider_customer_id, mine.provider_payment_method_id) != (
        theirs.provider_customer_id, theirs.provider_payment_method_id,
    ), "a billing-details edit rewrote which card the clock charges"  # fmt: skip

    end = subscription.term_end
    billing.billing_clock_tick(now=end - timedelta(hours=47))
    billing.billing_clock_tick(now=end + timedelta(hours=1))
    charged = intents_with_key(f"masthead-sub{subscription.pk}-term2-try1")
    assert all(intent.customer != theirs.provider_customer_id for intent in charged)


def test_a_billing_details_edit_in_the_admin_cannot_make_a_renewal_take_money_it_never_records(localstripe, django_user_model):
    """The admin takes any two characters as the state ("MH" for
    Maharashtra instead of GST code 27). The renewal is then charged at
    Stripe, but issuing its tax invoice raises UnknownPlaceOfSupply inside
    the settling transaction, so the success is rolled back: the payment stays
    pending, every later turn finds the charge and fails the same way, and the
    reader's money sits at Stripe recorded nowhere."""
    plan = make_plan(name="Smart Quarterly", slug="smart-quarterly", price_minor=900_00, term_months=3)
    asha = _reader(django_user_model, "asha")
    subscription = subscribe(asha, plan)
    mine = BillingProfile.objects.get(user=asha)

    support = Client()
    support.force_login(make_staff("payments.view_billingprofile", "payments.change_billingprofile"))
    support.post(
        f"/admin/payments/billingprofile/{mine.pk}/change/",
        {
            "user": asha.pk, "name": mine.name, "state_code": "MH", "gstin": "", "provider": mine.provider,
            "provider_customer_id": mine.provider_customer_id, "provider_payment_method_id": mine.provider_payment_method_id,
        },
    )  # fmt: skip

    end = subscription.term_end
    billing.billing_clock_tick(now=end - timedelta(hours=47))
    billing.billing_clock_tick(now=end + timedelta(hours=1))
    billing.billing_clock_tick(now=end + timedelta(hours=2))

    from masthead.payments.models import Payment, PaymentStatus

    taken = [intent for intent in intents_with_key(f"masthead-sub{subscription.pk}-term2-try1") if intent.status == "succeeded"]
    recorded = Payment.objects.filter(subscription=subscription, term_number=2, status=PaymentStatus.SUCCEEDED)
    assert not taken or recorded.exists(), (
        f"Stripe took term 2 ({taken[0].id}) but Masthead recorded it as "
        f"{list(Payment.objects.filter(subscription=subscription, term_number=2).values_list('status', flat=True))}"
    )
