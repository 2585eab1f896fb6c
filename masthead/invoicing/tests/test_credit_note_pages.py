"""A refund made by staff in the admin, against localstripe, and the credit
note it issues as the reader, Support and everyone else see it."""

import re

import pypdfium2 as pdfium
import pytest
from django.contrib.auth.models import Group
from django.db import OperationalError
from django.test import Client

from masthead.invoicing.models import CreditNote, CreditNoteSequence, Invoice
from masthead.payments.models import BillingProfile, Payment, PaymentStatus
from masthead.payments.services import RefundNotRecorded, payment_refund
from masthead.testing.admin import refund_confirmation
from masthead.testing.stripe import stripe_client, subscribe
from masthead.testing.subscriptions import make_plan

pytestmark = [pytest.mark.django_db, pytest.mark.urls("masthead.invoicing.tests.urls")]


def _browser(user) -> Client:
    browser = Client()
    browser.force_login(user)
    return browser


def _member_of(django_user_model, group_name: str, username: str):
    user = django_user_model.objects.create_user(
        username=username, email=f"{username}@example.test", password="a long password here", is_staff=True
    )
    user.groups.add(Group.objects.get(name=group_name))
    return user


def _pdf_text(response) -> str:
    document = pdfium.PdfDocument(b"".join(response.streaming_content))
    return "\n".join(page.get_textpage().get_text_range() for page in document)


def _paid(django_user_model, *, state_code="27", gstin="", username="asha"):
    """A reader's first term, paid through checkout at localstripe: its invoice is issued as it settles."""
    reader = django_user_model.objects.create_user(
        username=username, email=f"{username}@example.test", password="a long password here"
    )
    BillingProfile.objects.create(user=reader, name="Asha Rao", state_code=state_code, gstin=gstin)
    subscription = subscribe(reader, make_plan(name="Smart Quarterly", slug=f"q-{username}", price_minor=900_00, term_months=3))
    return reader, Payment.objects.get(subscription=subscription, term_number=1, status=PaymentStatus.SUCCEEDED)


def _support_refunds(django_user_model, payment):
    support = _browser(_member_of(django_user_model, "Support", "helpdesk"))
    done = support.post("/admin/payments/payment/", refund_confirmation(support, [payment.pk]), follow=True)
    assert "Refunded 1 payment (₹900)" in done.text
    return support


def test_a_refund_by_support_issues_the_credit_note_the_reader_reads_and_downloads(localstripe, django_user_model):
    reader, payment = _paid(django_user_model)
    invoice = Invoice.objects.get(payment=payment)
    _support_refunds(django_user_model, payment)

    note = CreditNote.objects.get(invoice=invoice)
    assert note.sequence == 1 and note.number == f"MHCN/{note.financial_year[2:4]}{note.financial_year[5:]}/000001"
    slug = note.number.replace("/", "-")
    page_url, pdf_url = f"/account/credit-notes/{slug}/", f"/account/credit-notes/{slug}/pdf/"
    browser = _browser(reader)

    # Listed on the reader's invoices page, right under the invoice it credits.
    listing = browser.get("/account/invoices/").text
    assert listing.index(invoice.number) < listing.index(note.number)
    assert f'href="{page_url}"' in listing and f'href="{pdf_url}"' in listing
    assert "−₹900.00" in listing

    page = browser.get(page_url)
    assert page.status_code == 200 and "no-store" in page["Cache-Control"] and "private" in page["Cache-Control"]
    for text in [
        '<h1 id="invoice-heading">Credit Note</h1>',
        note.number,
        "Against invoice",
        f'<a class="nowrap" href="{invoice.get_absolute_url()}">{invoice.number}</a>',
        "Refund of the payment",
        "Place of supply: Maharashtra (27)",
        "GSTIN: 27AAAAA0000A1Z5",
        "₹762.71",
        "CGST @ 9%",
        "₹68.65",
        "SGST @ 9%",
        "₹68.64",
        "Total credited",
        "₹900.00",
        "GST reversed (18%): ₹137.29",
        "All your invoices",
    ]:
        assert text in page.text, text

    download = browser.get(pdf_url)
    assert download.status_code == 200 and download["Content-Type"] == "application/pdf"
    assert download["Content-Disposition"] == f'attachment; filename="{slug}.pdf"'
    assert "no-store" in download["Cache-Control"]
    text = _pdf_text(download)
    for expected in [
        "Credit Note",
        "Credit note number",
        note.number,
        "Against invoice",
        invoice.number,
        "Masthead Media Private Limited",
        "GSTIN: 27AAAAA0000A1Z5",
        "Asha Rao",
        "Place of supply: Maharashtra (27)",
        "998431",
        "Refund: Smart Quarterly digital subscription",
        "762.71",
        "CGST @ 9%",
        "68.65",
        "SGST @ 9%",
        "68.64",
        "Total credited",
        "900.00",
        "GST reversed (18%)",
    ]:
        assert expected in text, expected
    assert "IGST" not in text


def test_another_reader_and_staff_outside_support_get_not_found(localstripe, django_user_model):
    _, payment = _paid(django_user_model)
    support = _support_refunds(django_user_model, payment)
    note = CreditNote.objects.get()
    page_url, pdf_url = note.get_absolute_url(), note.get_pdf_url()

    # Support reads any reader's credit note, here and in the admin.
    assert support.get(page_url).status_code == 200
    assert support.get(pdf_url).status_code == 200
    assert "All credit notes (admin)" in support.get(page_url).text
    listed = support.get("/admin/invoicing/creditnote/", {"q": "asha@example.test"}).text
    assert note.number in listed
    assert support.get(f"/admin/invoicing/creditnote/{note.pk}/change/").status_code == 200

    other = django_user_model.objects.create_user(username="ravi", email="ravi@example.test", password="another long password")
    for browser in (
        _browser(other),
        _browser(_member_of(django_user_model, "Business", "desk")),
        _browser(_member_of(django_user_model, "Newsroom", "writer")),
    ):
        assert browser.get(page_url).status_code == 404
        assert browser.get(pdf_url).status_code == 404
    assert _browser(other).get("/account/invoices/").text.count(note.number) == 0
    # A number never issued looks the same.
    reader = Payment.objects.get(pk=payment.pk).payer
    assert _browser(reader).get(page_url.replace("000001", "000002")).status_code == 404
    assert _browser(reader).get("/account/credit-notes/nonsense/pdf/").status_code == 404


def test_an_inter_state_refund_is_credited_in_igst(localstripe, django_user_model):
    reader, payment = _paid(django_user_model, state_code="29", gstin="29AAGCB7383J1Z4")
    _support_refunds(django_user_model, payment)
    note = CreditNote.objects.get()
    text = _pdf_text(_browser(reader).get(note.get_pdf_url()))
    assert "IGST @ 18%" in text and "137.29" in text and "Karnataka (29)" in text and "GSTIN: 29AAGCB7383J1Z4" in text
    assert "CGST" not in text and "SGST" not in text


def test_a_refund_does_not_commit_without_its_credit_note(localstripe, django_user_model, monkeypatch):
    _, payment = _paid(django_user_model)

    def database_went_away(**fields):
        raise OperationalError("server closed the connection unexpectedly")

    monkeypatch.setattr(CreditNote.objects, "create", database_went_away)
    with pytest.raises(RefundNotRecorded) as refused:
        payment_refund(payment=payment)
    assert isinstance(refused.value.__cause__, OperationalError)
    payment.refresh_from_db()
    assert payment.status == PaymentStatus.SUCCEEDED and payment.refunded_at is None
    assert not CreditNoteSequence.objects.filter(last_number__gt=0).exists()
    # The provider was never asked: no money went back unrecorded.
    assert not stripe_client().v1.refunds.list(params={"payment_intent": payment.provider_payment_id}).data


def test_a_number_in_the_address_reads_back_to_exactly_one_credit_note(localstripe, django_user_model):
    _, payment = _paid(django_user_model)
    _support_refunds(django_user_model, payment)
    note = CreditNote.objects.get()
    assert re.fullmatch(r"[A-Z0-9]{1,4}/\d{4}/\d{6}", note.number) and len(note.number) <= 16
    assert note.slug.replace("-", "/") == note.number
