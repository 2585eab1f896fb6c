"""One reader without a billing profile stops the billing clock for everyone.

``BillingProfileAdmin`` lets staff with ``payments.delete_billingprofile``
delete a reader's billing details (a reader asked for them to be removed),
while the subscription stays active. At renewal, ``renewal_attempt`` looks
the card up with ``saved_method`` → ``BillingProfile.objects.get``, whose
DoesNotExist is not a MastheadError: it escapes ``renewal_attempt``, ends the
chunk, and the clock turn stops before every later reader's renewal, the
retries and the refunds owed.
"""

from datetime import timedelta

import pytest
from django.test import Client

from masthead.payments.models import BillingProfile
from masthead.subscriptions import billing
from masthead.testing.accounts import make_staff
from masthead.testing.stripe import subscribe
from masthead.testing.subscriptions import make_plan

pytestmark = pytest.mark.django_db


def _reader(django_user_model, name):
    return django_user_model.objects.create_user(username=name, email=f"{name}@example.test", password="a long password here")


def test_a_reader_whose_billing_details_were_deleted_does_not_stop_everyone_elses_renewal(localstripe, django_user_model):
    plan = make_plan(name="Smart Quarterly", slug="smart-quarterly", price_minor=900_00, term_months=3)
    first = subscribe(_reader(django_user_model, "asha"), plan)
    second = subscribe(_reader(django_user_model, "ravi"), plan)

    desk = Client()
    desk.force_login(make_staff("payments.view_billingprofile", "payments.delete_billingprofile"))
    profile = BillingProfile.objects.get(user=first.user)
    # The admin no longer deletes billing details that renewals need...
    assert desk.post(f"/admin/payments/billingprofile/{profile.pk}/delete/", {"post": "yes"}).status_code == 403
    assert BillingProfile.objects.filter(pk=profile.pk).exists()
    # ...but a profile can still go missing (a data-protection erasure, a script).
    BillingProfile.objects.filter(pk=profile.pk).delete()

    end = max(first.term_end, second.term_end)
    billing.billing_clock_tick(now=end - timedelta(hours=47))
    try:
        billing.billing_clock_tick(now=end + timedelta(hours=1))
    except Exception as error:  # noqa: BLE001
        pytest.fail(f"the whole clock turn failed on one reader: {type(error).__name__}: {error}")
    second.refresh_from_db()
    assert second.term_number == 2
