"""A refunded reader's invoices page and credit note, on a phone and a laptop:
the credit note sits under the invoice it credits, and nothing runs off the screen."""

import pytest

from masthead.invoicing.models import CreditNote
from masthead.payments.models import Payment, PaymentStatus
from masthead.payments.services import payment_refund
from masthead.testing.stripe import subscribe
from masthead.testing.subscriptions import make_plan

from .conftest import DESKTOP, PHONE, signed_in
from .test_phone_layout import WIDEST

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def refunded(localstripe, django_user_model):
    reader = django_user_model.objects.create_user(
        username="asha", email="asha.rao.subscriber@example.test", password="x" * 20, first_name="Asha", last_name="Rao"
    )
    subscription = subscribe(reader, make_plan(name="Smart Quarterly", slug="smart-quarterly", price_minor=900_00, term_months=3))
    payment_refund(payment=Payment.objects.get(subscription=subscription, status=PaymentStatus.SUCCEEDED))
    return reader


@pytest.mark.parametrize("screen", ["phone", "desktop"])
def test_a_refunded_reader_finds_the_credit_note_under_its_invoice(browser, live_server, refunded, screen, artifacts):
    note = CreditNote.objects.select_related("invoice").get()
    context = signed_in(browser, live_server, refunded, PHONE if screen == "phone" else DESKTOP)
    try:
        page = context.new_page()
        page.goto(live_server.url + "/account/invoices/")
        page.screenshot(path=artifacts / f"{screen}-invoices-with-credit-note.png", full_page=True)
        rows = page.locator("main table tbody tr")
        assert rows.count() == 2
        assert note.invoice.number in rows.nth(0).inner_text()
        assert note.number in rows.nth(1).inner_text() and "−₹900.00" in rows.nth(1).inner_text()
        assert page.evaluate(WIDEST) is None
        number = rows.nth(1).locator(f"a[href='{note.get_absolute_url()}']")
        assert number.evaluate("link => link.getClientRects().length") == 1, "the credit note number is broken over lines"

        number.click()
        page.wait_for_url(f"**{note.get_absolute_url()}")
        page.screenshot(path=artifacts / f"{screen}-credit-note.png", full_page=True)
        assert page.locator("h1").inner_text() == "Credit Note"
        assert page.evaluate(WIDEST) is None
        with page.expect_download() as download:
            page.get_by_role("link", name="Download PDF").click()
        assert download.value.suggested_filename == f"{note.slug}.pdf"
    finally:
        context.close()
