"""The funnel's "Subscribe clicked" is the business desk's conversion figure:
nobody may move it more cheaply than by reading pages.

A paywall or a meter notice is only ever shown on a live story, so a click
is only counted for one: a link naming a draft, a story not yet published or
no story at all is a hand-made link, shown its page but counted nowhere (it
would otherwise add a row to the funnel for every made-up id). And crawlers,
which follow every link on an article page, are asked by robots.txt not to
follow the links that count a click."""

import re
from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from masthead.newsroom.models import ArticleStatus
from masthead.subscriptions.tests.test_subscribe_clicks import _clicks
from masthead.testing.metering import set_meter
from masthead.testing.newsroom import make_article
from masthead.testing.subscriptions import make_plan

pytestmark = pytest.mark.django_db


@pytest.fixture
def paywalled():
    """A story every reader meets the paywall on, with one plan under it."""
    set_meter(free_limit=0)
    make_plan(name="Smart Quarterly", slug="smart-quarterly", price_minor=900_00, term_months=3)
    return make_article(headline="Inside the rate decision")


def test_a_click_naming_a_draft_a_scheduled_or_no_story_counts_nothing(paywalled, client, django_user_model):
    member = Client()
    member.force_login(django_user_model.objects.create_user(username="m", email="m@example.test", password="x" * 20))
    draft = make_article(headline="Not yet written", status=ArticleStatus.DRAFT, published_ago=None)
    scheduled = make_article(
        headline="Out tomorrow", status=ArticleStatus.SCHEDULED, published_ago=None,
        publish_at=timezone.now() + timedelta(days=1),
    )  # fmt: skip
    made_up = [draft.pk, scheduled.pk, paywalled.pk + 1000, 2**63 - 1] + [10**9 + n for n in range(20)]
    for article_id in made_up:
        assert member.get(f"/subscribe/?from={article_id}").status_code == 200
        assert member.get(f"/subscribe/smart-quarterly/?from={article_id}").status_code == 200
        assert client.get(f"/subscribe/smart-quarterly/?from={article_id}").status_code == 302
    assert _clicks() == {}

    # A click from the live story's paywall still counts, once.
    assert member.get(f"/subscribe/smart-quarterly/?from={paywalled.pk}").status_code == 200
    assert _clicks() == {paywalled.pk: 1}


def _robots_rules(text: str) -> list[tuple[bool, str]]:
    """(allowed, path pattern) for every reader ("User-agent: *")."""
    return [
        (field.lower() == "allow", value.strip())
        for field, value in re.findall(r"^(Allow|Disallow):(.*)$", text, re.M | re.I)
        if value.strip()
    ]


def _crawler_may_fetch(rules: list[tuple[bool, str]], address: str) -> bool:
    """RFC 9309, as Google and Bing read it: the longest matching rule wins,
    an Allow over a Disallow of the same length; "*" is any run of characters
    and "$" the end of the address."""
    matching = []
    for allowed, pattern in rules:
        regex = re.escape(pattern).replace(r"\*", ".*")
        if regex.endswith(r"\$"):
            regex = regex[:-2] + "$"
        if re.match(regex, address):
            matching.append((len(pattern), allowed))
    return max(matching)[1] if matching else True


def test_crawlers_are_asked_not_to_follow_the_links_that_count_a_click(paywalled, client):
    rules = _robots_rules(client.get("/robots.txt").text)
    page = client.get(paywalled.get_absolute_url()).text
    counted = sorted(set(re.findall(r'href="(/subscribe/[^"]*[?&]from=\d+[^"]*)"', page)))
    assert "/subscribe/smart-quarterly/?from=%d" % paywalled.pk in counted
    assert "/subscribe/?from=%d" % paywalled.pk in counted
    for address in counted:
        assert not _crawler_may_fetch(rules, address), address
    # The story carried on through the plans page and the log-in is not counted
    # either; a crawler need not go there.
    assert not _crawler_may_fetch(rules, f"/subscribe/smart-quarterly/?story={paywalled.pk}")
    # The plans themselves stay open to search engines, and the stories too.
    for address in ("/subscribe/", paywalled.get_absolute_url(), "/"):
        assert _crawler_may_fetch(rules, address), address
