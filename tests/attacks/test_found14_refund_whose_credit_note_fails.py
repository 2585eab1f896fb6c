"""A staff refund calls the provider first and then, in the same database
transaction, marks the payment refunded, ends the term and issues the GST
credit note. When the credit note cannot be written, the transaction rolls
back (docs/invoices.md: "if the credit note cannot be written, the refund is
rolled back with it"), but the money does not: the provider has already
returned it. Masthead still records the payment as paid, the reader keeps
reading the term they were refunded, there is no credit note for the tax
already reversed at the bank, and Support is shown a server error.

Masthead does not read the provider's own refund events
(tests/attacks/test_found6_refund_at_the_provider.py), so nothing corrects
the records later; asking again returns the same refund (the provider's
idempotency key) and fails at the same point.

Here the credit note cannot be written because the year's series has
reached 999999: with the default four-letter prefix a seventh digit makes a
17-character number, which Rule 46 forbids (gst.invoice_number raises).
Any failure while writing it (the database going away, a lock timeout) ends
the same way.

Expected: money goes back only if its records commit: the payment shows
refunded (or staff are told nothing was refunded, and nothing was)."""

import pytest
from django.contrib.auth.models import Group
from django.test import Client
from django.utils import timezone

from masthead.core.periods import local_date
from masthead.invoicing.gst import financial_year
from masthead.invoicing.models import CreditNote, CreditNoteSequence, Invoice
from masthead.payments.models import Payment, PaymentStatus
from masthead.subscriptions.models import SubscriptionStatus
from masthead.testing.admin import PAYMENTS, refund_confirmation
from masthead.testing.stripe import stripe_client, subscribe
from masthead.testing.subscriptions import make_plan

pytestmark = pytest.mark.django_db


def test_a_refund_whose_credit_note_cannot_be_written_returns_no_money_unrecorded(localstripe, django_user_model):
    reader = django_user_model.objects.create_user(username="asha", email="asha@example.test", password="x" * 20)
    subscription = subscribe(reader, make_plan(name="Smart Quarterly", slug="smart-quarterly", price_minor=900_00, term_months=3))
    payment = Payment.objects.get(subscription=subscription, status=PaymentStatus.SUCCEEDED)
    assert Invoice.objects.filter(payment=payment).exists()
    # The year's 999,999th credit note was the last one a 16-character number can carry.
    CreditNoteSequence.objects.create(financial_year=financial_year(local_date(timezone.now())), last_number=999_999)

    helpdesk = django_user_model.objects.create_user(
        username="helpdesk", email="helpdesk@example.test", password="a long password here", is_staff=True
    )
    helpdesk.groups.add(Group.objects.get(name="Support"))
    support = Client(raise_request_exception=False)
    support.force_login(helpdesk)
    form = refund_confirmation(support, [payment.pk])
    answer = support.post(PAYMENTS, {**form, "confirmed": "yes"}, follow=True)

    refunds = stripe_client().v1.refunds.list(params={"payment_intent": payment.provider_payment_id}).data
    payment.refresh_from_db()
    subscription.refresh_from_db()
    returned = sum(refund.amount for refund in refunds)
    assert not (returned and payment.status == PaymentStatus.SUCCEEDED), (
        f"the provider returned {returned} paise, but Masthead records the payment as {payment.status}, "
        f"the subscription as {subscription.status}, {CreditNote.objects.count()} credit notes; "
        f"Support saw HTTP {answer.status_code}"
    )
    assert payment.status == PaymentStatus.REFUNDED or (not returned and answer.status_code == 200)
    if payment.status != PaymentStatus.REFUNDED:
        assert "Nothing was refunded" in answer.text, "Support is not told that nothing was refunded"
    assert subscription.status != SubscriptionStatus.ACTIVE or not returned
