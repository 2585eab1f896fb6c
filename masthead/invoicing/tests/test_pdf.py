from pathlib import Path

import pytest

from masthead.invoicing.app_settings import DEFAULT_FONT
from masthead.invoicing.pdf import invoice_pdf
from masthead.invoicing.services import invoice_issue
from masthead.testing.environment import require

from .factories import make_billing_profile

pytestmark = pytest.mark.django_db
HAS_DEJAVU = Path(DEFAULT_FONT).exists()


def _pdf(invoice, **options) -> bytes:
    # Uncompressed, the text strings are plain in the content stream.
    return invoice_pdf(invoice, compress=False, **options)


@pytest.fixture
def invoice(payment):
    return invoice_issue(payment=payment, description="Smart Quarterly digital subscription, 28 Nov 2026 – 27 Feb 2027")


def test_the_pdf_is_a_tax_invoice_with_everything_gst_asks_for(invoice):
    pdf = _pdf(invoice)
    assert pdf.startswith(b"%PDF")
    for text in [
        "Tax Invoice",
        "MH/2627/000001",
        "28 Nov 2026",
        "Masthead Media Private Limited",
        "1 Demo Street, Mumbai 400001, Maharashtra",
        "GSTIN: 27AAAAA0000A1Z5",
        "Asha Rao",
        "Place of supply: Maharashtra \\(27\\)",  # brackets are escaped in PDF strings
        "998431",
        "Smart Quarterly digital subscription",
        "762.71",
        "CGST @ 9%",
        "68.65",
        "SGST @ 9%",
        "68.64",
        "900.00",
        "Amount includes GST",
        "Tax payable on reverse charge: No.",
    ]:
        assert text.encode() in pdf, text
    assert b"IGST" not in pdf


def test_an_inter_state_pdf_shows_igst_and_the_buyers_gstin(reader, payment):
    make_billing_profile(user=reader, name="Rao Analytics LLP", state_code="29", gstin="29AAGCB7383J1Z4")
    pdf = _pdf(invoice_issue(payment=payment, description="Smart Quarterly digital subscription"))
    assert b"IGST @ 18%" in pdf and b"137.29" in pdf
    assert b"GSTIN: 29AAGCB7383J1Z4" in pdf and b"Karnataka \\(29\\)" in pdf
    assert b"CGST" not in pdf


def test_with_dejavu_the_rupee_sign_is_printed_not_rs(invoice):
    require(HAS_DEJAVU, "DejaVu Sans is not installed (Debian: fonts-dejavu-core)")
    pdf = _pdf(invoice)
    assert b"DejaVuSans" in pdf  # the embedded font
    assert b"Rs." not in pdf


def test_without_a_rupee_font_amounts_say_rs(invoice, settings):
    settings.MASTHEAD_INVOICE_FONT = "/nonexistent/NoSuchFont.ttf"
    pdf = _pdf(invoice)
    assert b"Rs. 762.71" in pdf and b"Rs. 900.00" in pdf
    assert b"/Helvetica" in pdf


def test_markup_in_a_buyers_name_is_printed_as_written(reader, payment):
    make_billing_profile(user=reader, name="Rao & Sons <Mumbai>", state_code="27")
    pdf = _pdf(invoice_issue(payment=payment, description="Smart Quarterly digital subscription"))
    # ReportLab draws "<" and ">" as separate runs; what matters is that they
    # are printed, not read as markup or left as entities.
    assert b"Rao & Sons <" in pdf and b"Mumbai" in pdf
    assert b"&amp;" not in pdf and b"&lt;" not in pdf


def test_the_compressed_pdf_is_still_a_pdf(invoice):
    pdf = invoice_pdf(invoice)
    assert pdf.startswith(b"%PDF") and pdf.rstrip().endswith(b"%%EOF")
    assert b"MH/2627/000001" in pdf  # in the document's title
