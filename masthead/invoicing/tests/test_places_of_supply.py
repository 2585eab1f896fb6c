"""A reader's place of supply is a state or union territory as GST knows it
today; invoices issued with a code since merged away read as they were issued."""

import re

import pytest
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.test import Client

from masthead.invoicing.gst import STATES_AND_UNION_TERRITORIES
from masthead.invoicing.models import Invoice
from masthead.invoicing.services import UnknownPlaceOfSupply, invoice_issue
from masthead.payments.models import BillingProfile

from .factories import make_billing_profile, make_payment, make_subscription

pytestmark = [pytest.mark.django_db, pytest.mark.urls("masthead.invoicing.tests.urls")]
DESCRIPTION = "Smart Quarterly digital subscription, 28 Nov 2026 – 27 Feb 2027"
DNHDD_SUPPLIER = {"MASTHEAD_SUPPLIER_STATE_CODE": "26", "MASTHEAD_SUPPLIER_GSTIN": "26AAAAA0000A1Z5"}


def _signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _state_options(page: str) -> dict[str, str]:
    select = re.search(r'<select name="state_code".*?</select>', page, re.S).group(0)
    return dict(re.findall(r'<option value="(\d\d)"[^>]*>([^<]+)</option>', select))


def test_checkout_offers_todays_states_and_union_territories_only(reader, quarterly):
    page = _signed_in(reader).get(f"/subscribe/{quarterly.slug}/").text
    offered = _state_options(page)
    # 28 states and 8 union territories.
    assert len(offered) == 36
    assert offered["26"] == "Dadra and Nagar Haveli and Daman and Diu"
    assert offered["37"] == "Andhra Pradesh"
    assert offered["38"] == "Ladakh"
    assert offered["01"] == "Jammu and Kashmir"
    for gone in ("25", "28", "97"):
        assert gone not in offered, gone
    assert "before 2014" not in page and "Other Territory" not in page
    assert ">Daman and Diu<" not in page
    # In alphabetical order, as a reader looks for their state.
    assert list(offered.values()) == sorted(offered.values())


@pytest.mark.parametrize("retired", ["25", "28", "97"])
def test_a_code_no_longer_offered_is_refused_at_checkout(reader, quarterly, retired):
    response = _signed_in(reader).post(f"/subscribe/{quarterly.slug}/", {"name": "Asha Rao", "state_code": retired})
    assert response.status_code == 200
    assert "Select a valid choice" in response.text
    assert not BillingProfile.objects.filter(user=reader).exists()


@pytest.mark.parametrize(("code", "place"), [("25", "Daman and Diu (25)"), ("28", "Andhra Pradesh (before 2014) (28)")])
def test_an_invoice_issued_with_a_former_code_still_reads_as_issued(reader, payment, code, place):
    make_billing_profile(user=reader)
    invoice = invoice_issue(payment=payment, description=DESCRIPTION)
    # As an invoice issued before the change was stored: legal records are never rewritten.
    Invoice.objects.filter(pk=invoice.pk).update(buyer_state_code=code)
    page = _signed_in(reader).get(invoice.get_absolute_url()).text
    assert f"Place of supply: {place}" in page
    pdf = _signed_in(reader).get(invoice.get_absolute_url() + "pdf/")
    assert pdf.status_code == 200


def test_a_reader_in_the_merged_union_territory_is_billed_within_it(reader, payment, settings):
    for name, value in DNHDD_SUPPLIER.items():
        setattr(settings, name, value)
    make_billing_profile(user=reader, state_code="26")
    invoice = invoice_issue(payment=payment, description=DESCRIPTION)
    assert invoice.place_of_supply == "Dadra and Nagar Haveli and Daman and Diu (26)"
    assert invoice.intra_state
    assert (invoice.cgst_minor, invoice.sgst_minor, invoice.igst_minor) == (68_65, 68_64, 0)


def test_a_reader_in_the_merged_union_territory_buying_from_another_state_pays_igst(reader, payment):
    make_billing_profile(user=reader, state_code="26")
    invoice = invoice_issue(payment=payment, description=DESCRIPTION)
    assert not invoice.intra_state
    assert (invoice.cgst_minor, invoice.sgst_minor, invoice.igst_minor) == (0, 0, 137_29)


def test_a_profile_still_on_a_former_code_gets_no_invoice_with_it(reader, payment):
    """A profile only the migration below would have moved: no new invoice
    names a place of supply GST no longer has."""
    make_billing_profile(user=reader, state_code="25")
    with pytest.raises(UnknownPlaceOfSupply, match="not the GST code of a state or union territory"):
        invoice_issue(payment=payment, description=DESCRIPTION)


def test_a_gstin_of_another_state_than_the_place_of_supply_gets_no_invoice(reader, payment):
    make_billing_profile(user=reader, state_code="26", gstin="25AAGCB7383J1Z4")
    with pytest.raises(UnknownPlaceOfSupply, match="not registered in state 26"):
        invoice_issue(payment=payment, description=DESCRIPTION)
    assert not Invoice.objects.exists()


def _billing_profile_before_the_move():
    state = MigrationExecutor(connection).loader.project_state(("payments", "0004_payment_receipt_sent_at"))
    return state.apps.get_model("payments", "BillingProfile")


@pytest.mark.django_db(transaction=True)
def test_billing_profiles_move_to_todays_codes_and_issued_invoices_keep_theirs(django_user_model, quarterly, settings):
    readers = {
        code: django_user_model.objects.create_user(username=f"r{code}", email=f"r{code}@example.test", password="x" * 20)
        for code in ("25", "28", "27")
    }
    issued = {}
    for code, reader in readers.items():
        make_billing_profile(user=reader, state_code="27")
        issued[code] = invoice_issue(payment=make_payment(subscription=make_subscription(user=reader, plan=quarterly)), description=DESCRIPTION)
    Invoice.objects.filter(pk=issued["25"].pk).update(buyer_state_code="25")
    call_command("migrate", "payments", "0004_payment_receipt_sent_at", verbosity=0)
    old_profiles = _billing_profile_before_the_move().objects
    for code, reader in readers.items():
        old_profiles.filter(user_id=reader.pk).update(state_code=code)

    call_command("migrate", verbosity=0)

    moved = dict(BillingProfile.objects.values_list("user__username", "state_code"))
    assert moved == {"r25": "26", "r28": "37", "r27": "27"}
    assert Invoice.objects.get(pk=issued["25"].pk).buyer_state_code == "25"
    # The reader who was in Daman and Diu is now billed within the merged territory.
    for name, value in DNHDD_SUPPLIER.items():
        setattr(settings, name, value)
    renewal = make_payment(subscription=issued["25"].payment.subscription, term_number=2)
    assert invoice_issue(payment=renewal, description=DESCRIPTION).intra_state
    assert set(STATES_AND_UNION_TERRITORIES) >= set(moved.values())
