"""Business staff run offers in the admin, with every rule said plainly."""

import html

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.test import Client

from masthead.subscriptions.models import Offer
from masthead.testing.accounts import make_staff
from masthead.testing.subscriptions import make_offer, make_plan

pytestmark = pytest.mark.django_db
ADD = "/admin/subscriptions/offer/add/"


@pytest.fixture
def desk():
    """A member of the Business group, not a superuser."""
    user = get_user_model().objects.create_user(
        username="business", email="business@example.test", password="a long password here", is_staff=True
    )
    user.groups.add(Group.objects.get(name="Business"))
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def quarterly():
    return make_plan(name="Smart Quarterly", slug="smart-quarterly", price_minor=900_00, term_months=3)


def _form(plan, **changes):
    return {
        "name": "Welcome offer",
        "kind": "percent",
        "value": "50",
        "terms": "1",
        "plans": [str(plan.pk)],
        "starts_at_0": "2026-12-01",
        "starts_at_1": "00:00:00",
        "ends_at_0": "",
        "ends_at_1": "",
        "max_redemptions": "",
        "code": "welcome50",
        "is_active": "on",
    } | changes


def test_business_staff_create_an_offer_and_see_its_link_and_redemptions(desk, quarterly):
    answer = desk.post(ADD, _form(quarterly))
    assert answer.status_code == 302, answer.text
    offer = Offer.objects.get()
    assert (offer.code, offer.kind, offer.value, offer.terms) == ("WELCOME50", "percent", 50, 1)
    assert list(offer.plans.all()) == [quarterly]
    page = desk.get(f"/admin/subscriptions/offer/{offer.pk}/change/").text
    assert "/subscribe/offer/WELCOME50/" in page and "unlimited" in page
    listing = desk.get("/admin/subscriptions/offer/").text
    assert "WELCOME50" in listing


def test_an_offer_without_a_code_gets_a_random_link(desk, quarterly):
    desk.post(ADD, _form(quarterly, code=""))
    offer = Offer.objects.get()
    assert offer.code == "" and len(offer.link_token) == 16
    assert f"/subscribe/offer/{offer.link_token}/" in desk.get(f"/admin/subscriptions/offer/{offer.pk}/change/").text


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"value": "100"}, "A percentage offer takes 1 to 99 per cent off"),
        ({"value": "150"}, "A percentage offer takes 1 to 99 per cent off"),
        ({"value": "0"}, "A percentage offer takes 1 to 99 per cent off"),
        ({"value": "-5"}, "Ensure this value is greater than or equal to 0."),
        ({"value": "99999999999999999999"}, "A percentage offer takes 1 to 99 per cent off"),
        ({"kind": "fixed", "value": "0"}, "Ensure this value is greater than or equal to 1."),
        ({"kind": "fixed", "value": "99999999999999999999"}, "not so for Smart Quarterly"),
        ({"kind": "fixed", "value": "90000"}, "₹900 off must leave at least ₹1 of each plan's price: not so for Smart Quarterly (₹900)."),
        ({"kind": "fixed", "value": "89901"}, "not so for Smart Quarterly"),
        ({"terms": "0"}, "Ensure this value is greater than or equal to 1."),
        ({"terms": "25"}, "Ensure this value is less than or equal to 24."),
        ({"plans": []}, "This field is required."),
        ({"code": "WEL COME"}, "A code is 3 to 32 letters A–Z, digits and hyphens"),
        ({"code": "ＷＥＬＣＯＭＥ"}, "A code is 3 to 32 letters A–Z, digits and hyphens"),
        ({"code": "straße"}, "A code is 3 to 32 letters A–Z, digits and hyphens"),
        ({"ends_at_0": "2026-11-30", "ends_at_1": "00:00:00"}, "The offer must end after it starts."),
        ({"max_redemptions": "0"}, "Ensure this value is greater than or equal to 1."),
    ],
)
def test_an_offer_that_breaks_a_rule_is_refused_clearly(desk, quarterly, changes, message):
    answer = desk.post(ADD, _form(quarterly, **changes))
    assert answer.status_code == 200
    assert message in html.unescape(answer.text)
    assert not Offer.objects.exists()


def test_codes_are_unique_whatever_their_case(desk, quarterly):
    make_offer(quarterly, code="WELCOME50")
    answer = desk.post(ADD, _form(quarterly, code="Welcome50"))
    assert "Another offer already uses the code WELCOME50." in answer.text
    assert Offer.objects.count() == 1


def test_a_fixed_amount_that_leaves_a_rupee_is_accepted(desk, quarterly):
    assert desk.post(ADD, _form(quarterly, kind="fixed", value="89900")).status_code == 302
    assert Offer.objects.get().price_for(quarterly).minor == 100


def test_the_limit_cannot_go_below_the_redemptions_taken(desk, quarterly):
    offer = make_offer(quarterly, code="TAKEN", max_redemptions=10, redemptions_used=4)
    answer = desk.post(f"/admin/subscriptions/offer/{offer.pk}/change/", _form(quarterly, code="TAKEN", max_redemptions="3"))
    assert "4 readers have already taken this offer." in answer.text
    offer.refresh_from_db()
    assert offer.max_redemptions == 10


def test_staff_without_the_offer_permissions_see_no_offers(quarterly):
    make_offer(quarterly, code="SECRET")
    client = Client()
    client.force_login(make_staff("subscriptions.view_plan"))
    assert client.get("/admin/subscriptions/offer/").status_code == 403
    assert client.post(ADD, _form(quarterly, code="MINE")).status_code == 403
    assert Offer.objects.count() == 1


def test_a_fixed_amount_is_refused_over_plans_in_two_currencies(desk, quarterly):
    """Paise off a dollar price would be taken as cents: ₹100 off a $120 plan is $100 off."""
    dollars = make_plan(name="Global Yearly", slug="global-yearly", price_minor=120_00, term_months=12, currency="USD")
    answer = desk.post(ADD, _form(quarterly, kind="fixed", value="10000", plans=[str(quarterly.pk), str(dollars.pk)]))
    assert "A fixed amount off is in one currency, and these plans are sold in INR and USD" in html.unescape(answer.text)
    assert not Offer.objects.exists()
    # The same amount for dollar plans alone is in cents, and said so.
    answer = desk.post(ADD, _form(dollars, kind="fixed", value="12000"))
    assert "$120 off must leave at least $1 of each plan's price" in html.unescape(answer.text)
    # A percentage works across currencies.
    assert desk.post(ADD, _form(quarterly, plans=[str(quarterly.pk), str(dollars.pk)])).status_code == 302
