"""Search respects the paywall: a reader who may not read a story's full text
matches it only on what the paywalled page shows them (headline, standfirst,
lead-in); whoever may read it searches it all. Nothing about the hidden text
comes back: not a result, the count, the order or the snippet, through the
page or the app API, with any filter or query syntax.
"""

import uuid
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.test import Client

from masthead.access.readers import Reader
from masthead.access.services import article_access
from masthead.api.tests.conftest import app, sign_in, subscribe
from masthead.search.query import parse_query
from masthead.search.selectors import search_articles
from masthead.testing.metering import set_meter
from masthead.testing.newsroom import make_article, make_section

from .test_search import OPENING, result_headlines

pytestmark = pytest.mark.django_db

# Past the lead-in (the opening paragraph is cut well before its 60 words).
HIDDEN = "The zebra quartet negotiated secretly with the harbour board."
BODY = OPENING + f"<p>{HIDDEN}</p>"
# What a reader might try, to learn whether HIDDEN is in a story.
PROBES = ("zebra", "zebra quartet", '"zebra quartet negotiated"', "negotiating secretly", "zebras", "zebr*",
          "NEAR(zebra quartet)", "body: zebra", "{body}: zebra", "zebra OR opening", "-opening zebra")  # fmt: skip


def web(client, q, **params) -> list[str]:
    response = client.get("/search/", {"q": q, **params})
    assert response.status_code == 200
    return result_headlines(response.text)


def api(client, q, **params) -> dict:
    response = client.get("/api/v1/search", {"q": q, **params})
    assert response.status_code == 200, response.text
    return response.json()


def api_headlines(answer) -> list[str]:
    return [item["article"]["headline"] for item in answer["items"]]


@pytest.fixture
def registered(django_user_model):
    return django_user_model.objects.create_user(username="ravi", email="ravi@example.test", password="a long passphrase for the app")


@pytest.fixture
def paying(django_user_model):
    user = django_user_model.objects.create_user(username="asha", email="asha@example.test", password="a long passphrase for the app")
    subscribe(user)
    return user


@pytest.fixture
def premium_story():
    set_meter(free_limit=5, archive_age_days=365)
    return make_article(headline="Port authority shake-up", standfirst="Board members replaced.", body=BODY, is_premium=True)


def browsers(kind, registered, story_to_read=None):
    """A web browser and an app of one kind of reader who may not read premium stories."""
    if kind == "anonymous":
        return Client(), app()
    if kind == "registered":
        browser = Client()
        browser.force_login(registered)
        return browser, app(sign_in(registered))
    # "metered": an anonymous reader who has spent free articles this month.
    browser, reader_id = Client(), None
    for story in story_to_read:
        browser.get(story.get_absolute_url())
        response = app(reader=reader_id).get(f"/api/v1/articles/{story.slug}")
        reader_id = response["X-Reader"] if response.has_header("X-Reader") else reader_id
    assert reader_id and "3 of 5 free articles left" in browser.get(story_to_read[0].get_absolute_url()).text
    return browser, app(reader=reader_id)


@pytest.mark.parametrize("kind", ["anonymous", "registered", "metered"])
def test_a_phrase_only_in_a_premium_body_finds_nothing_for_a_reader_without_premium_access(kind, registered, premium_story):
    read = [make_article(headline=f"Free story {n}") for n in range(2)]
    browser, reader_app = browsers(kind, registered, read)
    for probe in PROBES:
        assert web(browser, probe) == [], probe
        answer = api(reader_app, probe)
        assert answer["items"] == [] and answer["total"] == 0 and answer["pages"] == 1, probe


def test_a_subscriber_finds_a_premium_story_by_its_body(paying, premium_story):
    browser = Client()
    browser.force_login(paying)
    for probe in ("zebra", "zebra quartet", '"zebra quartet negotiated"', "negotiating secretly"):
        assert web(browser, probe) == ["Port authority shake-up"], probe
        answer = api(app(sign_in(paying)), probe)
        assert api_headlines(answer) == ["Port authority shake-up"] and answer["total"] == 1


@pytest.mark.parametrize("probe", ["port authority", "board members replaced", '"opening word word"'])
def test_headline_standfirst_and_lead_in_find_a_premium_story_for_everyone(probe, registered, paying, premium_story):
    signed_in = Client()
    signed_in.force_login(registered)
    subscriber = Client()
    subscriber.force_login(paying)
    for browser in (Client(), signed_in, subscriber):
        assert web(browser, probe) == ["Port authority shake-up"]
    assert api_headlines(api(app(), probe)) == ["Port authority shake-up"]


def test_archive_stories_and_premium_sections_keep_their_bodies_to_subscribers(paying):
    set_meter(free_limit=5, archive_age_days=365)
    vault = make_section(name="Vault", slug="vault", is_premium=True)
    make_article(headline="Old harbour files", body=BODY, published_ago=timedelta(days=800))
    make_article(headline="Vault harbour story", body=BODY, section=vault)
    anonymous = Client()
    assert web(anonymous, "zebra quartet") == []
    assert web(anonymous, "zebra quartet", section="vault") == []
    assert api(app(), "zebra", section="vault")["total"] == 0
    subscriber = Client()
    subscriber.force_login(paying)
    assert set(web(subscriber, "zebra quartet")) == {"Old harbour files", "Vault harbour story"}
    assert web(subscriber, "zebra quartet", section="vault") == ["Vault harbour story"]


def test_making_a_section_premium_hides_its_bodies_from_search_at_once():
    set_meter(free_limit=5)
    desk = make_section(name="Desk", slug="desk")
    make_article(headline="Desk story", body=BODY, section=desk)
    assert web(Client(), "zebra") == ["Desk story"]
    desk.is_premium = True
    desk.save()
    assert web(Client(), "zebra") == []
    desk.is_premium = False
    desk.save()
    assert web(Client(), "zebra") == ["Desk story"]


def test_a_story_that_is_always_free_is_searched_in_full_by_anyone():
    make_article(headline="Public notice", body=BODY, meter_exempt=True)
    assert web(Client(), "zebra quartet") == ["Public notice"]
    assert api(app(), "zebra quartet")["total"] == 1


def test_free_stories_bodies_are_searched_while_the_meter_has_room_then_only_those_already_read():
    set_meter(free_limit=1)
    first = make_article(headline="First ferry story", body=BODY)
    make_article(headline="Second ferry story", body=BODY)
    browser = Client()
    assert set(web(browser, "zebra quartet")) == {"First ferry story", "Second ferry story"}
    browser.get(first.get_absolute_url())  # the month's only free article
    # The second cannot be read this month: its body finds it no more; the first can be reread.
    assert web(browser, "zebra quartet") == ["First ferry story"]
    assert set(web(browser, "ferry story")) == {"First ferry story", "Second ferry story"}


def test_the_order_of_results_says_nothing_about_premium_bodies(paying):
    set_meter(free_limit=5)
    # The same public part; the older story's body repeats the word many times.
    heavy = make_article(headline="Zebra crossing report", standfirst="Counted.", is_premium=True,
                         body=OPENING + "<p>" + "Zebra zebra zebra. " * 20 + "</p>", published_ago=timedelta(days=2))  # fmt: skip
    make_article(headline="Zebra crossing report", standfirst="Counted.", is_premium=True, body=BODY, published_ago=timedelta(days=1))
    # A tie on what the reader may see: newest first.
    order = [a["article"]["slug"] for a in api(app(), "zebra")["items"]]
    assert order[1] == heavy.slug
    subscriber = app(sign_in(paying))
    assert [a["article"]["slug"] for a in api(subscriber, "zebra")["items"]][0] == heavy.slug


def test_counts_and_pages_count_only_what_the_reader_may_match(paying):
    set_meter(free_limit=5)
    for n in range(25):
        make_article(headline=f"Harbour premium {n}", body=BODY, is_premium=True)
    make_article(headline="Zebra crossing opens", body=OPENING)
    anonymous = api(app(), "zebra")
    assert (anonymous["total"], anonymous["pages"], api_headlines(anonymous)) == (1, 1, ["Zebra crossing opens"])
    # Asking for a page past the end gives the last page, not a count.
    assert api(app(), "zebra", page=2)["page"] == 1
    subscriber = api(app(sign_in(paying)), "zebra")
    assert (subscriber["total"], subscriber["pages"]) == (26, 2)


def test_rebuilding_the_index_keeps_the_rule(paying, premium_story, capsys):
    call_command("search_rebuild")
    assert web(Client(), "zebra") == []
    subscriber = Client()
    subscriber.force_login(paying)
    assert web(subscriber, "zebra") == ["Port authority shake-up"]


# --- One decision: the search opens exactly what the article page opens ----------


def _reader(**fields) -> Reader:
    return Reader(**{"user": None, "anonymous_id": uuid.uuid4().hex, **fields})


def test_search_matches_a_body_exactly_when_the_access_decision_opens_it(registered, paying):
    set_meter(free_limit=2, archive_age_days=365)
    stories = [
        make_article(headline=f"Story {premium:d}{exempt:d}{archive:d}", body=BODY, is_premium=premium,
                     meter_exempt=exempt, published_ago=timedelta(days=800 if archive else 1))
        for premium in (False, True) for exempt in (False, True) for archive in (False, True)
    ]  # fmt: skip
    extra = make_article(headline="Story read", body=BODY)
    stories.append(extra)
    exhausted = _reader()
    for story in (extra, make_article(headline="Another story read")):
        assert article_access(reader=exhausted, article=story).full_text
    readers = {
        "new": _reader(minted=True),
        "exhausted": exhausted,
        "registered": Reader(user=registered, anonymous_id=None),
        "subscriber": Reader(user=paying, anonymous_id=None),
    }
    for name, reader in readers.items():
        expected = {story.headline for story in stories if article_access(reader=reader, article=story, count=False).full_text}
        page = search_articles(query=parse_query("zebra quartet"), reader=reader)
        assert {article.headline for article in page.articles} == expected, name
    assert 0 < len({s.headline for s in stories if article_access(reader=exhausted, article=s, count=False).full_text}) < len(stories)


@pytest.mark.django_db(transaction=True)
def test_migrating_an_index_built_before_the_public_part_makes_it_respect_the_paywall(paying):
    set_meter(free_limit=5)
    make_article(headline="Premium harbour story", body=BODY, is_premium=True)
    make_article(headline="Free harbour story", body=BODY)
    call_command("migrate", "search", "0001", verbosity=0)
    call_command("migrate", "search", verbosity=0)
    assert web(Client(), "zebra") == ["Free harbour story"]
    subscriber = Client()
    subscriber.force_login(paying)
    assert set(web(subscriber, "zebra")) == {"Premium harbour story", "Free harbour story"}


def test_with_the_registration_wall_an_account_searches_the_bodies_its_extra_articles_open(registered):
    set_meter(free_limit=1, account_extra=1)
    first = make_article(headline="First ferry story", body=BODY)
    make_article(headline="Second ferry story", body=BODY)
    visitor, member = Client(), Client()
    member.force_login(registered)
    visitor.get(first.get_absolute_url())  # the visitor's only free article: the next is walled
    member.get(first.get_absolute_url())  # the member's first of two
    assert web(visitor, "zebra quartet") == ["First ferry story"]
    assert set(web(member, "zebra quartet")) == {"First ferry story", "Second ferry story"}
    assert api(app(sign_in(registered)), "zebra quartet")["total"] == 2


def test_after_log_out_search_does_not_tell_which_stories_the_account_read_elsewhere(registered):
    set_meter(free_limit=1, account_extra=1)
    read_here = make_article(headline="Library ferry story", body=BODY)
    read_on_phone = make_article(headline="Phone ferry story", body=BODY)
    make_article(headline="Unread ferry story", body=BODY)
    phone = Client()
    phone.force_login(registered)
    phone.get(read_on_phone.get_absolute_url())
    library = Client()
    library.get(read_here.get_absolute_url())
    assert library.post("/accounts/login/", {"login": registered.email, "password": "a long passphrase for the app"}).status_code == 302
    library.post("/accounts/logout/")
    # The browser holds the account's count, not its stories: only the one
    # read in this browser is found by its body.
    assert web(library, "zebra quartet") == ["Library ferry story"]
    assert len(web(library, "ferry story")) == 3
