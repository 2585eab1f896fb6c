"""The header's account links: a subscriber is offered their account, not
the plans, and cached pages never hand one kind of reader's header to another."""

import re

import pytest
from django.test import Client

from masthead.testing.metering import set_meter
from masthead.testing.newsroom import make_article

pytestmark = pytest.mark.django_db


def _header_links(response) -> list[str]:
    """The links in the header's account bar, as a reader reads them, the
    red button marked with [ ]."""
    (bar,) = re.findall(r'<nav class="account-links"[^>]*>(.*?)</nav>', response.text, flags=re.S)
    links = re.findall(r'<a( class="button[^"]*")? href="[^"]*">(.*?)</a>', bar)
    return [f"[{text}]" if button else text for button, text in links]


VISITOR = ["Log in", "[Subscribe]"]
MEMBER = ["Your account", "Log out", "[Subscribe]"]
SUBSCRIBER = ["Log out", "[Your account]"]


def _signed_in(django_user_model, name: str, *, subscribes: bool) -> Client:
    user = django_user_model.objects.create_user(
        username=name, email=f"{name}@example.test", password="x" * 20, complimentary_access=subscribes
    )
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def readers(django_user_model):
    return {
        "visitor": (Client(), VISITOR),
        "member": (_signed_in(django_user_model, "member", subscribes=False), MEMBER),
        "subscriber": (_signed_in(django_user_model, "subscriber", subscribes=True), SUBSCRIBER),
    }


def test_a_subscriber_is_offered_their_account_not_the_plans(readers):
    story = make_article()
    for path in ("/", story.get_absolute_url(), story.section.get_absolute_url(), "/subscribe/", "/search/", "/account/"):
        assert _header_links(readers["subscriber"][0].get(path)) == SUBSCRIBER, path
        assert _header_links(readers["visitor"][0].get(path, follow=True)) == VISITOR, path
        assert _header_links(readers["member"][0].get(path)) == MEMBER, path


@pytest.mark.parametrize(
    "order",
    [("visitor", "subscriber", "member"), ("subscriber", "member", "visitor"), ("member", "subscriber", "visitor")],
)
def test_cached_pages_keep_each_kind_of_readers_header_apart(readers, order):
    """The article page and the front pages are kept per process and served
    to the next reader of the same kind: whoever comes first, each kind gets
    its own header, and the full-text article a member reads within the meter
    is not the page a subscriber was given."""
    set_meter(free_limit=5)
    story = make_article()
    for _ in range(2):  # the second round is served from the cache
        for kind in order:
            client, expected = readers[kind]
            for path in (story.get_absolute_url(), "/", story.section.get_absolute_url()):
                assert _header_links(client.get(path)) == expected, (kind, path)


def test_only_a_visitors_front_page_may_be_kept_by_a_shared_cache(readers):
    visitor, subscriber = readers["visitor"][0], readers["subscriber"][0]
    shared = visitor.get("/")
    assert shared["Cache-Control"].startswith("public") and "Cookie" in shared["Vary"]
    assert subscriber.get("/")["Cache-Control"] == "private, no-cache"
    assert subscriber.get(make_article().get_absolute_url())["Cache-Control"] == "private, no-cache"
