import pytest

from masthead.subscriptions.models import Benefit
from masthead.testing.subscriptions import make_plan

pytestmark = pytest.mark.django_db


def test_plans_page_shows_price_term_and_per_month_rounded_down(client):
    make_plan(name="Smart Quarterly", price_minor=900_00, term_months=3, position=1)
    make_plan(name="Smart Essential", price_minor=2_700_00, term_months=12, position=2)
    make_plan(name="Super Saver", price_minor=3_900_00, term_months=24, position=3)
    page = client.get("/subscribe/").text
    for name, price, term, per_month in [
        ("Smart Quarterly", "₹900", "3 Months", "₹300/Month"),
        ("Smart Essential", "₹2,700", "1 Year", "₹225/Month"),
        ("Super Saver", "₹3,900", "2 Years", "₹162/Month"),
    ]:
        card = page.split(name, 1)[1].split("</li>", 1)[0]
        assert price in card and term in card and per_month in card
    assert "Renews automatically, cancel anytime" in page


def test_large_prices_use_indian_grouping(client):
    make_plan(name="Patron", price_minor=1_00_000_00, term_months=12)
    page = client.get("/subscribe/").text
    assert "₹1,00,000" in page
    assert "₹8,333/Month" in page


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

    assert [term_label(m) for m in (1, 3, 12, 24, 18)] == ["1 Month", "3 Months", "1 Year", "2 Years", "18 Months"]
    for months in (0, -3):
        with pytest.raises(ValueError, match="^a term is at least one month$"):
            term_label(months)
