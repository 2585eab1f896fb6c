"""The origin's side of the edge: the variants it fills for a signed fill,
the cookies it gives readers, and what the edge may replay of a decision."""

import time
from datetime import timedelta

import pytest
from django.test import Client

from masthead.edge.tokens import edge_keys, entitlement_read, fill_mac, receipt_read
from masthead.testing.metering import set_meter
from masthead.testing.newsroom import BEYOND_LEAD_IN, PAYWALL_TEXT, make_story_with_hidden_sentence

pytestmark = pytest.mark.django_db

EDGE_KEYS = "t2:test-edge-key-two-0123456789abcdef0123456789"


@pytest.fixture
def edge_on(settings):
    settings.MASTHEAD_EDGE_KEYS = EDGE_KEYS
    return edge_keys(EDGE_KEYS)


def _fill(client, story, variant, keys):
    path = story.get_absolute_url()
    mac = fill_mac(variant=variant, path=path, at=int(time.time()), keys=keys)
    return client.get(path, headers={"X-Edge-Fill": variant, "X-Edge-Fill-Mac": mac})


def test_each_variant_is_filled_for_nobody_in_particular(edge_on):
    set_meter(free_limit=5)
    story = make_story_with_hidden_sentence()
    client = Client()
    subscriber = _fill(client, story, "subscriber", edge_on)
    full = _fill(client, story, "full:2-5:search", edge_on)
    wall = _fill(client, story, "wall:p5", edge_on)
    for response, variant in ((subscriber, "subscriber"), (full, "full:2-5:search"), (wall, "wall:p5")):
        assert response.status_code == 200 and response["X-Edge-Variant"] == variant
        assert response["X-Story-Id"] == str(story.pk) and f"story-{story.pk}" in response["xkey"]
        assert not response.cookies, "a variant sets no cookie: the edge would refuse to keep it"
    page = subscriber.content.decode()
    assert BEYOND_LEAD_IN in page and "Log out" in page and "Log in" not in page and "Gift this article" in page
    assert subscriber["X-Story-Metered"] == "0"
    page = full.content.decode()
    assert BEYOND_LEAD_IN in page and "Log in" in page and "Gift this article" not in page
    assert full["X-Story-Metered"] == "1"
    # The note of a reader who has read 2 of 5 from a search, in the origin's words.
    assert "3 of 5 free articles left this month." in page
    assert f'href="/subscribe/?from={story.pk}&amp;via=search"' in page
    page = wall.content.decode()
    assert BEYOND_LEAD_IN not in page and PAYWALL_TEXT in page and "meter-notice" not in page
    assert int(full["X-Edge-TTL"]) <= 120


def test_a_story_the_meter_does_not_judge_has_no_reader_variants(edge_on):
    set_meter(free_limit=5, archive_age_days=30)
    client = Client()
    for story in (
        make_story_with_hidden_sentence(is_premium=True),
        make_story_with_hidden_sentence(published_ago=timedelta(days=31)),
    ):
        for variant in ("full:1-5", "wall:p5"):
            response = _fill(client, story, variant, edge_on)
            assert response.content == b"" and response["X-Story-Metered"] == "0"
        assert BEYOND_LEAD_IN in _fill(client, story, "subscriber", edge_on).content.decode()


def test_a_metered_storys_page_leaves_the_edge_when_it_joins_the_archive(edge_on):
    set_meter(free_limit=5, archive_age_days=30)
    story = make_story_with_hidden_sentence(published_ago=timedelta(days=30) - timedelta(seconds=50))
    assert int(_fill(Client(), story, "full:1-5", edge_on)["X-Edge-TTL"]) <= 50


def test_an_unsigned_old_or_misdirected_fill_is_answered_as_the_reader_it_is(edge_on):
    set_meter(free_limit=0)
    story, other = make_story_with_hidden_sentence(), make_story_with_hidden_sentence()
    path = story.get_absolute_url()
    old = fill_mac(variant="subscriber", path=path, at=int(time.time()) - 120, keys=edge_on)
    elsewhere = fill_mac(variant="subscriber", path=other.get_absolute_url(), at=int(time.time()), keys=edge_on)
    for headers in ({"X-Edge-Fill": "subscriber"}, {"X-Edge-Fill": "subscriber", "X-Edge-Fill-Mac": old},
                    {"X-Edge-Fill": "subscriber", "X-Edge-Fill-Mac": elsewhere}):  # fmt: skip
        response = Client().get(path, headers=headers)
        assert BEYOND_LEAD_IN not in response.content.decode() and "X-Edge-Variant" not in response


def test_without_edge_keys_a_signed_fill_is_just_a_reader(settings):
    set_meter(free_limit=0)
    story = make_story_with_hidden_sentence()
    keys = edge_keys(EDGE_KEYS)
    response = _fill(Client(), story, "subscriber", keys)
    assert BEYOND_LEAD_IN not in response.content.decode() and "mt_rcpt" not in response.cookies


def test_readers_get_the_cookies_that_let_the_edge_replay_their_decision(edge_on, django_user_model):
    set_meter(free_limit=1)
    read, refused = make_story_with_hidden_sentence(), make_story_with_hidden_sentence()
    reader = Client()
    first = reader.get(read.get_absolute_url())
    receipt = receipt_read(first.cookies["mt_rcpt"].value, now=int(time.time()), keys=edge_on)
    assert (receipt.ids, receipt.views, receipt.limit, receipt.wall) == (frozenset({read.pk}), 1, 1, "-")
    assert first.cookies["mt_rcpt"]["httponly"] and first.cookies["mt_rcpt"]["samesite"] == "Lax"
    assert 0 < int(first.cookies["mt_rcpt"]["max-age"]) <= 3600
    walled = reader.get(refused.get_absolute_url())
    assert PAYWALL_TEXT in walled.content.decode()
    assert receipt_read(walled.cookies["mt_rcpt"].value, now=int(time.time()), keys=edge_on).wall == "p1"

    user = django_user_model.objects.create_user(username="s", email="s@example.test", password="x" * 20,
                                                 complimentary_access=True)  # fmt: skip
    member = Client()
    member.force_login(user)
    page = member.get(read.get_absolute_url())
    entitlement = entitlement_read(page.cookies["mt_ent"].value, now=int(time.time()), keys=edge_on)
    assert entitlement.account == user.pk and entitlement.expires - entitlement.issued == 300
    assert "mt_rcpt" not in page.cookies

    signed_in = django_user_model.objects.create_user(username="r", email="r@example.test", password="x" * 20)
    other = Client()
    other.force_login(signed_in)
    # A signed-in reader's count is the account's, on every device: the origin decides each new story.
    page = other.get(read.get_absolute_url())
    assert "mt_ent" not in page.cookies and "mt_rcpt" not in page.cookies


def test_a_slow_fill_is_shown_but_kept_by_no_edge(edge_on):
    from django.http import HttpResponse

    from masthead.edge.services import FILL_KEEP_SECONDS, PURGE_AGAIN_SECONDS, fill_answer

    assert FILL_KEEP_SECONDS < max(PURGE_AGAIN_SECONDS)
    story = make_story_with_hidden_sentence()
    now = time.monotonic()
    quick = fill_answer(HttpResponse(b"x"), story=story, variant="full:1-5", metered=True, started=now)
    # A fill begun longer ago than FILL_KEEP_SECONDS, as its answer goes out.
    slow = fill_answer(HttpResponse(b"x"), story=story, variant="full:1-5", metered=True,
                       started=now - FILL_KEEP_SECONDS - 1)  # fmt: skip
    assert quick["X-Edge-TTL"] == "120" and slow["X-Edge-TTL"] == "0"


@pytest.mark.django_db(transaction=True)
def test_a_change_purges_the_story_twice_a_moment_apart(settings, monkeypatch):
    """The second purge drops a page a fill begun before the change put back."""
    from masthead.edge import services

    settings.MASTHEAD_EDGE_KEYS = EDGE_KEYS
    settings.MASTHEAD_EDGE_URLS = "http://127.0.0.1:9"
    told = []
    monkeypatch.setattr(services, "tell_edges", lambda method, headers, **kwargs: told.append((None, method, headers)))
    monkeypatch.setattr(services, "PURGE_AGAIN_SECONDS", (0.3,))
    story = make_story_with_hidden_sentence()
    time.sleep(0.5)  # the publishing's own second purge
    told.clear()
    story.headline = "Changed"
    story.save()
    keys = {"xkey": f"story-{story.pk} section-{story.section_id}"}
    assert [headers for _, _, headers in told] == [keys]  # at once, as the change commits
    time.sleep(0.6)
    assert [headers for _, _, headers in told] == [keys, keys]  # and again, a moment later


def test_a_fill_drawn_while_its_story_changed_is_kept_by_no_edge(edge_on):
    from django.http import HttpResponse

    from masthead.edge.services import fill_answer

    story = make_story_with_hidden_sentence()
    as_read = type(story).objects.get(pk=story.pk)
    story.headline = "Changed meanwhile"
    story.save()
    answer = fill_answer(HttpResponse(b"x"), story=as_read, variant="full:1-5", metered=True, started=time.monotonic())
    assert answer["X-Edge-TTL"] == "0"
    fresh = fill_answer(HttpResponse(b"x"), story=story, variant="full:1-5", metered=True, started=time.monotonic())
    assert fresh["X-Edge-TTL"] == "120"
