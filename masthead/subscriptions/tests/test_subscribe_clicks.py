"""A click on the paywall's own plans counts in the funnel as "Subscribe
clicked", for the story it was made on, once per click, however the reader
goes on (logging in first, or through the plans page)."""

import re
from urllib.parse import unquote

import pytest
from django.db.models import Sum
from django.test import Client

from masthead.metering.events import funnel_events_flush
from masthead.metering.models import FunnelEvent, FunnelEventKind
from masthead.testing.metering import set_meter
from masthead.testing.newsroom import make_article
from masthead.testing.subscriptions import make_plan

pytestmark = pytest.mark.django_db


def _clicks() -> dict[int | None, int]:
    """The business desk's "Subscribe clicked" counts, by story."""
    funnel_events_flush()
    rows = FunnelEvent.objects.filter(kind=FunnelEventKind.SUBSCRIBE_CLICKED).values("article_id").annotate(n=Sum("count"))
    return {row["article_id"]: row["n"] for row in rows}


def _choose_link(page: str, plan_name: str) -> str:
    return re.search(rf'<a class="button" href="([^"]+)">Choose {plan_name}</a>', page).group(1)


@pytest.fixture
def paywalled():
    set_meter(free_limit=0)
    make_plan(name="Smart Quarterly", slug="smart-quarterly", price_minor=900_00, term_months=3)
    return make_article(headline="Inside the rate decision")


@pytest.fixture
def member(django_user_model):
    user = django_user_model.objects.create_user(username="member", email="member@example.test", password="x" * 20)
    client = Client()
    client.force_login(user)
    return client


def test_choosing_a_plan_on_the_paywall_counts_once_for_the_story(paywalled, member):
    page = member.get(paywalled.get_absolute_url()).text
    assert "Subscribe now for unlimited access." in page
    choose = _choose_link(page, "Smart Quarterly")
    assert choose == f"/subscribe/smart-quarterly/?from={paywalled.pk}"

    assert member.get(choose).status_code == 200
    assert _clicks() == {paywalled.pk: 1}
    # Sending the details form back to the same address is not another click.
    member.post(choose, {"name": "", "state_code": ""})
    assert _clicks() == {paywalled.pk: 1}


def test_a_visitor_who_logs_in_after_choosing_is_counted_once(paywalled, client, django_user_model):
    choose = _choose_link(client.get(paywalled.get_absolute_url()).text, "Smart Quarterly")
    to_login = client.get(choose)
    assert to_login.status_code == 302
    assert _clicks() == {paywalled.pk: 1}  # the click, even if they never log in

    next_page = unquote(to_login["Location"].split("next=", 1)[1])
    assert next_page == f"/subscribe/smart-quarterly/?story={paywalled.pk}"
    client.force_login(django_user_model.objects.create_user(username="v", email="v@example.test", password="x" * 20))
    assert client.get(next_page).status_code == 200
    assert _clicks() == {paywalled.pk: 1}


def test_through_the_plans_page_the_story_goes_along_but_is_counted_once(paywalled, member):
    page = member.get(paywalled.get_absolute_url()).text
    plans_link = re.search(r'href="(/subscribe/\?from=\d+)">Subscribe to read the full story', page).group(1)
    plans = member.get(plans_link).text
    assert _clicks() == {paywalled.pk: 1}
    choose = _choose_link(plans, "Smart Quarterly")
    assert choose == f"/subscribe/smart-quarterly/?story={paywalled.pk}"
    assert member.get(choose).status_code == 200
    assert _clicks() == {paywalled.pk: 1}


def test_the_plans_page_reached_directly_offers_plain_choices(paywalled, member):
    assert _choose_link(member.get("/subscribe/").text, "Smart Quarterly") == "/subscribe/smart-quarterly/"
    assert member.get("/subscribe/smart-quarterly/").status_code == 200
    assert _clicks() == {}


@pytest.mark.parametrize(
    "hostile", ["²", "①", "-1", "0", "1e3", "99999999999999999999999", "https://evil.example/", "//evil.example", "12 "]
)
def test_a_forged_source_shows_checkout_and_counts_nothing(paywalled, member, client, hostile):
    for field in ("from", "story"):
        assert member.get("/subscribe/smart-quarterly/", {field: hostile}).status_code == 200
        to_login = client.get("/subscribe/smart-quarterly/", {field: hostile})
        assert to_login["Location"] == "/accounts/login/?next=/subscribe/smart-quarterly/"
    assert _clicks() == {}
