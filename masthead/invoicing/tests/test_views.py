import pytest
from django.test import Client

from masthead.invoicing.services import invoice_issue
from masthead.testing.accounts import make_staff

from .factories import make_billing_profile, make_payment, make_subscription

pytestmark = [pytest.mark.django_db, pytest.mark.urls("masthead.invoicing.tests.urls")]
DETAIL = "/account/invoices/MH-2627-000001/"
PDF = "/account/invoices/MH-2627-000001/pdf/"


@pytest.fixture
def invoice(reader, payment):
    make_billing_profile(user=reader, name="Asha Rao", state_code="27")
    return invoice_issue(payment=payment, description="Smart Quarterly digital subscription, 28 Nov 2026 – 27 Feb 2027")


def _client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_a_reader_reads_their_invoice_with_its_tax_split(reader, invoice):
    response = _client_for(reader).get(DETAIL)
    assert response.status_code == 200
    assert invoice.get_absolute_url() == DETAIL
    page = response.text
    for text in [
        "<h1 id=\"invoice-heading\">Tax Invoice</h1>",
        "MH/2627/000001",
        "28 Nov 2026",
        "GSTIN: 27AAAAA0000A1Z5",
        "Place of supply: Maharashtra (27)",
        "998431",
        "₹762.71",
        "CGST @ 9%",
        "₹68.65",
        "SGST @ 9%",
        "₹68.64",
        "₹900.00",
        "Amount includes GST",
        '<th scope="col">Description</th>',
        f'href="{PDF}"',
    ]:
        assert text in page, text


def test_a_reader_downloads_the_pdf_named_after_the_number(reader, invoice):
    response = _client_for(reader).get(PDF)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="MH-2627-000001.pdf"'
    assert b"".join(response.streaming_content).startswith(b"%PDF")
    assert "private" in response["Cache-Control"]


def test_a_reader_cannot_see_another_readers_invoice(other_reader, invoice):
    client = _client_for(other_reader)
    assert client.get(DETAIL).status_code == 404
    assert client.get(PDF).status_code == 404


def test_a_made_up_number_is_not_found_either(reader, invoice):
    client = _client_for(reader)
    assert client.get("/account/invoices/MH-2627-000002/").status_code == 404
    assert client.get("/account/invoices/nonsense/pdf/").status_code == 404


def test_signing_in_is_required(client, invoice):
    for url in (DETAIL, PDF, "/account/invoices/"):
        response = client.get(url)
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_staff_holding_the_invoice_permission_see_any_readers_invoice(invoice):
    client = _client_for(make_staff("invoicing.view_invoice"))
    page = client.get(DETAIL)
    assert page.status_code == 200
    assert client.get(PDF).status_code == 200
    # The reader's invoice is not "yours": the way on leads to the admin's list.
    assert "All your invoices" not in page.text
    assert 'href="/admin/invoicing/invoice/"' in page.text


def test_being_staff_is_not_enough_to_see_a_readers_invoice(invoice):
    # Not found, like a number never issued: staff cannot learn which numbers are taken.
    client = _client_for(make_staff("payments.view_payment", "newsroom.view_article"))
    assert client.get(DETAIL).status_code == 404
    assert client.get(PDF).status_code == 404


def test_invoice_pages_are_kept_by_no_cache_at_all(reader, invoice):
    client = _client_for(reader)
    for url in (DETAIL, PDF, "/account/invoices/"):
        cache_control = {part.strip() for part in client.get(url)["Cache-Control"].split(",")}
        assert {"private", "no-store"} <= cache_control, url


def test_the_invoice_list_shows_only_the_readers_own(reader, other_reader, quarterly, invoice):
    invoice_issue(payment=make_payment(subscription=make_subscription(user=other_reader, plan=quarterly)), description="Other")
    page = _client_for(reader).get("/account/invoices/").text
    assert "MH/2627/000001" in page and "₹900.00" in page
    assert "MH/2627/000002" not in page


def test_the_admin_lists_invoices_read_only_with_a_pdf_link(django_user_model, invoice):
    admin_client = _client_for(
        django_user_model.objects.create_superuser(username="boss", email="boss@example.test", password="a long password here")
    )
    listing = admin_client.get("/admin/invoicing/invoice/?q=Asha")
    assert listing.status_code == 200
    assert "MH/2627/000001" in listing.text and PDF in listing.text and "₹900.00" in listing.text
    change = admin_client.get(f"/admin/invoicing/invoice/{invoice.pk}/change/")
    assert change.status_code == 200
    assert 'name="buyer_name"' not in change.text  # nothing to edit
    assert admin_client.get("/admin/invoicing/invoice/add/").status_code == 403
    assert admin_client.post(f"/admin/invoicing/invoice/{invoice.pk}/delete/").status_code == 403
