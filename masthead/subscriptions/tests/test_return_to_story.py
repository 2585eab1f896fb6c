"""After paying, a reader who subscribed from a story's paywall is offered to
continue reading it, and nothing a link or a form can carry makes that offer
point anywhere but a live story on this site."""

import re
from datetime import timedelta
from urllib.parse import unquote

import pytest
from django.test import Client
from django.utils import timezone

from masthead.newsroom import services as newsroom
from masthead.newsroom.models import ArticleStatus
from masthead.payments.providers.fake import GOOD_CARD, confirm_card
from masthead.testing.metering import set_meter
from masthead.testing.newsroom import make_article
from masthead.testing.subscriptions import make_plan

pytestmark = pytest.mark.django_db
PAYWALL = "Subscribe now for unlimited access."
SECOND_PARAGRAPH = "Second paragraph of the story."


@pytest.fixture
def story(fake_provider):
    set_meter(free_limit=0)
    make_plan(name="Smart Quarterly", slug="smart-quarterly", price_minor=900_00, term_months=3)
    return make_article(headline="Inside the rate decision", is_premium=True)


def _reader(django_user_model, name: str = "asha") -> Client:
    client = Client()
    client.force_login(django_user_model.objects.create_user(username=name, email=f"{name}@example.test", password="x" * 20))
    return client


def _choose_link(page: str) -> str:
    return re.search(r'<a class="button" href="([^"]+)">Choose Smart Quarterly</a>', page).group(1)


def _details_and_pay(client: Client, checkout: str):
    """The checkout as a reader goes through it: details sent back to the
    address they chose, the card, then wherever the site sends them."""
    assert client.post(checkout, {"name": "Asha Rao", "state_code": "27"}).status_code == 302
    setup_id = re.search(r'name="setup_id" value="([^"]+)"', client.get("/subscribe/pay/").text).group(1)
    confirm_card(setup_id, GOOD_CARD)
    welcome = client.post("/subscribe/pay/confirm/", {"setup_id": setup_id}, follow=True)
    assert "subscription is active" in welcome.text
    return welcome


def _continue_reading(welcome) -> tuple[str, str] | None:
    found = re.search(r'<a class="button" href="([^"]*)">(Continue reading[^<]*)</a>', welcome.text)
    return found.groups() if found else None


def test_a_member_pays_from_the_paywall_and_goes_back_to_the_story(story, django_user_model):
    reader = _reader(django_user_model)
    assert PAYWALL in reader.get(story.get_absolute_url()).text
    welcome = _details_and_pay(reader, _choose_link(reader.get(story.get_absolute_url()).text))
    assert _continue_reading(welcome) == (story.get_absolute_url(), "Continue reading “Inside the rate decision”")
    page = reader.get(story.get_absolute_url()).text
    assert PAYWALL not in page and SECOND_PARAGRAPH in page


def test_a_visitor_logs_in_on_the_way_and_still_goes_back_to_the_story(story, client, django_user_model):
    to_login = client.get(_choose_link(client.get(story.get_absolute_url()).text))
    next_page = unquote(to_login["Location"].split("next=", 1)[1])
    client.force_login(django_user_model.objects.create_user(username="v", email="v@example.test", password="x" * 20))
    welcome = _details_and_pay(client, next_page)
    assert _continue_reading(welcome) == (story.get_absolute_url(), "Continue reading “Inside the rate decision”")


def test_through_the_plans_page_the_story_comes_along(story, django_user_model):
    reader = _reader(django_user_model)
    page = reader.get(story.get_absolute_url()).text
    plans = reader.get(re.search(r'href="(/subscribe/\?from=\d+)"', page).group(1)).text
    welcome = _details_and_pay(reader, _choose_link(plans))
    assert _continue_reading(welcome)[0] == story.get_absolute_url()


def test_a_checkout_begun_without_a_story_offers_the_front_page(story, django_user_model):
    welcome = _details_and_pay(_reader(django_user_model), "/subscribe/smart-quarterly/")
    assert _continue_reading(welcome) is None
    assert '<a class="button" href="/">Start reading</a>' in welcome.text


def _draft():
    return make_article(headline="Embargoed: the budget leak", status=ArticleStatus.DRAFT, published_ago=None)


def _not_yet_published():
    return make_article(
        headline="Embargoed: tomorrow's results", status=ArticleStatus.SCHEDULED, publish_at=timezone.now() + timedelta(days=1)
    )


@pytest.mark.parametrize(
    "forged",
    [
        lambda: str(_draft().pk),
        lambda: str(_not_yet_published().pk),
        lambda: "987654",  # no such story
        lambda: "https://evil.example/phish",
        lambda: "//evil.example/phish",
        lambda: "/\\evil.example",
        lambda: "javascript:alert(1)",
        lambda: "%2F%2Fevil.example",
    ],
    ids=["draft", "scheduled", "missing", "off-site", "scheme-relative", "backslash", "javascript", "encoded"],
)
@pytest.mark.parametrize("field", ["from", "story"])
def test_a_forged_source_never_offers_anything_but_a_live_story_here(story, django_user_model, forged, field):
    value = forged()
    welcome = _details_and_pay(_reader(django_user_model), f"/subscribe/smart-quarterly/?{field}={value}")
    assert _continue_reading(welcome) is None
    assert "evil.example" not in welcome.text and "javascript:" not in welcome.text
    assert "Embargoed" not in welcome.text


def test_a_story_taken_down_before_the_payment_is_not_offered(story, django_user_model):
    reader = _reader(django_user_model)
    checkout = _choose_link(reader.get(story.get_absolute_url()).text)
    assert reader.post(checkout, {"name": "Asha Rao", "state_code": "27"}).status_code == 302
    newsroom.article_unpublish(article=story)
    setup_id = re.search(r'name="setup_id" value="([^"]+)"', reader.get("/subscribe/pay/").text).group(1)
    confirm_card(setup_id, GOOD_CARD)
    welcome = reader.post("/subscribe/pay/confirm/", {"setup_id": setup_id}, follow=True)
    assert _continue_reading(welcome) is None and "Inside the rate decision" not in welcome.text


def test_a_story_chosen_for_an_abandoned_checkout_is_not_offered_for_the_next(story, django_user_model):
    other = make_article(headline="Monsoon arrives early")
    reader = _reader(django_user_model)
    # Chose a plan from one story's paywall, gave details, never paid...
    assert reader.post(f"/subscribe/smart-quarterly/?from={story.pk}", {"name": "A", "state_code": "27"}).status_code == 302
    # ...then came back to the plans page on their own and paid.
    welcome = _details_and_pay(reader, "/subscribe/smart-quarterly/")
    assert _continue_reading(welcome) is None
    # Another reader's checkout from another story changes nothing for them.
    someone_else = _reader(django_user_model, "ravi")
    assert _continue_reading(_details_and_pay(someone_else, f"/subscribe/smart-quarterly/?story={other.pk}"))[1] == (
        "Continue reading “Monsoon arrives early”"
    )
    assert _continue_reading(reader.get("/subscribe/welcome/")) is None
