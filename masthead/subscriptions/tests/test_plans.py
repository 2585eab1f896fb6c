import pytest
from django.test import Client

from masthead.subscriptions.models import Benefit
from masthead.testing.subscriptions import make_plan

pytestmark = pytest.mark.django_db


def test_plans_page_shows_price_term_and_per_month_rounded_down(client):
    make_plan(name="Smart Quarterly", price_minor=900_00, term_months=3, position=1)
    make_plan(name="Smart Essential", price_minor=2_700_00, term_months=12, position=2)
    make_plan(name="Super Saver", price_minor=3_900_00, term_months=24, position=3)
    page = client.get("/subscribe/").text
    for name, price, term, per_month in [
        ("Smart Quarterly", "₹900", "3 months", "₹300 a month"),
        ("Smart Essential", "₹2,700", "1 year", "₹225 a month"),
        ("Super Saver", "₹3,900", "2 years", "₹162 a month"),
    ]:
        card = page.split(name, 1)[1].split("</li>", 1)[0]
        assert price in card and term in card and per_month in card
    assert "Renews automatically, cancel anytime" in page


def test_large_prices_use_indian_grouping(client):
    make_plan(name="Patron", price_minor=1_00_000_00, term_months=12)
    page = client.get("/subscribe/").text
    assert "₹1,00,000" in page
    assert "₹8,333 a month" in page


def test_inactive_plans_are_not_offered(client):
    make_plan(name="Retired Offer", is_active=False)
    make_plan(name="Current Offer")
    page = client.get("/subscribe/").text
    assert "Current Offer" in page and "Retired Offer" not in page


def test_plans_page_lists_what_is_included(client):
    Benefit.objects.create(title="Ad-free reading", description="No advertisements")
    Benefit.objects.create(title="Hidden perk", is_active=False)
    page = client.get("/subscribe/").text
    assert "Here’s what’s included" in page
    assert "Ad-free reading" in page and "Hidden perk" not in page


def test_term_labels_read_naturally():
    from masthead.subscriptions.terms import term_label

    assert [term_label(m) for m in (1, 3, 12, 24, 18)] == ["1 month", "3 months", "1 year", "2 years", "18 months"]
    for months in (0, -3):
        with pytest.raises(ValueError, match="^a term is at least one month$"):
            term_label(months)


def test_terms_and_monthly_prices_read_as_a_sentence_would(django_user_model):
    make_plan(name="Smart Quarterly", slug="smart-quarterly", price_minor=900_00, term_months=3)
    reader = Client()
    reader.force_login(django_user_model.objects.create_user(username="r", email="r@example.test", password="x" * 20))
    checkout = reader.get("/subscribe/smart-quarterly/").text
    assert "₹900 for 3 months (₹300 a month), GST included." in checkout
    for page in (checkout, reader.get("/subscribe/").text):
        assert "Month" not in page.replace("Smart Quarterly", "")
