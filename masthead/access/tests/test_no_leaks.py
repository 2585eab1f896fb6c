"""Gated text never leaves the server for a reader who may not read it.

The requirement: for a reader who may not read on, the text beyond the
lead-in is in no response at all: not in the HTML (hidden by CSS or JS or
not), not in embedded JSON or JSON-LD, not in OpenGraph/meta descriptions,
not in feeds, sitemaps, archive or listing pages, not in a HEAD response's
headers, and not in any "alternate" view of the article reached by a query
string, a missing slash or a differently cased slug.

Each article here carries two distinctive phrases beyond its lead-in (one in
the third paragraph, one in the fourth) and a distinctive opening. Every
channel is fetched as the gated reader, redirects followed by hand so that
every hop's headers and body are searched. The subscriber tests read the same
article through the same views and must see the phrases, so the search is
known to be able to fail.
"""

import html
import json
import re
import uuid
from dataclasses import dataclass
from datetime import timedelta
from itertools import count
from urllib.parse import unquote_plus

import pytest
from django.http import HttpResponse
from django.test import Client, RequestFactory
from django.utils import timezone
from hypothesis import given
from hypothesis import settings as hsettings
from hypothesis import strategies as st

from masthead.access.readers import COOKIE_SALT, anonymous_id_from, reader_key
from masthead.core.periods import local_date
from masthead.metering.models import MeterSettings
from masthead.metering.period import meter_period
from masthead.metering.rules import forget_rules
from masthead.metering.stores import meter_store
from masthead.testing.newsroom import make_article, make_section

pytestmark = pytest.mark.django_db

READER_COOKIE = "mh_reader"
FREE_LIMIT = 2
ARCHIVE_AGE_DAYS = 365

LEAD_OPENING = "Monsoon rains reached the coastal capital two weeks early"
THIRD_PARAGRAPH_SENTENCE = "Marmalade futures quietly doubled in Ulaanbaatar."
GATED_SENTENCE = "The zebra ledger balanced at midnight."
# What is searched for in every response (case- and whitespace-insensitively,
# after undoing HTML entities and URL encoding).
GATED_PHRASES = ("zebra ledger balanced at midnight", "marmalade futures quietly doubled")

PAYWALL_LEDE = "Subscribe now for unlimited access."
LIMIT_REACHED = "You’ve reached your limit of {limit} free article{s} this month."
PREMIUM_PAYWALL = "This is a premium story, for subscribers."
ARCHIVE_PAYWALL = "Stories from our archive are for subscribers."

_slugs = count(1)


def _paragraph(opening: str, filler: str, words: int = 40) -> str:
    text = opening
    while len(text.split()) < words:
        text = f"{text} {filler}"
    return f"<p>{text}</p>"


GATED_BODY = "".join(
    [
        _paragraph(
            f"{LEAD_OPENING} this year, flooding the old harbour district.",
            "Engineers inspected the sea wall and the pumping stations.",
        ),
        _paragraph(
            "Traders on the quay watched the water rise.",
            "Every idle crane cost the port authority money by the hour.",
        ),
        _paragraph(THIRD_PARAGRAPH_SENTENCE, "Analysts in the capital called it a curiosity of the season."),
        "<p>Later that week the auditors met again. "
        f"{GATED_SENTENCE} Nobody at the port was surprised.</p>",
    ]
)


def _story(**fields):
    """A live article whose text beyond the lead-in holds the gated phrases."""
    n = next(_slugs)
    fields.setdefault("headline", f"Harbour tolls rise again, part {n}")
    fields.setdefault("slug", f"harbour-tolls-rise-again-{n}")
    fields.setdefault("standfirst", "The port authority raised its fees for the third time this year.")
    article = make_article(body=GATED_BODY, **fields)
    # The test's own assumption: the phrases really are beyond the lead-in.
    assert LEAD_OPENING in article.lead_in
    assert not any(phrase in _normalised(article.lead_in) for phrase in GATED_PHRASES)
    return article


def _filler_story(**fields):
    n = next(_slugs)
    return make_article(headline=f"Another story {n}", slug=f"another-story-{n}", **fields)


# --- Looking at what was sent -------------------------------------------------


def _normalised(text: str) -> str:
    return " ".join(text.lower().split())


def _everything_sent(response) -> str:
    headers = "\n".join(f"{name}: {value}" for name, value in response.headers.items())
    cookies = response.cookies.output()
    body = b"".join(response.streaming_content) if response.streaming else response.content
    return "\n".join([headers, cookies, body.decode("utf-8", errors="replace")])


def _leaked_phrases(response) -> list[str]:
    raw = _everything_sent(response)
    forms = {_normalised(form) for form in (raw, html.unescape(raw), unquote_plus(raw), html.unescape(unquote_plus(raw)))}
    return [phrase for phrase in GATED_PHRASES if any(phrase in form for form in forms)]


_LD_JSON = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.S)
_TEMPLATE_SYNTAX = ("{{", "}}", "{%", "%}")


def _json_ld_blocks(page: str) -> list:
    return [json.loads(block) for block in _LD_JSON.findall(page)]


def _strings_in(data):
    if isinstance(data, str):
        yield data
    elif isinstance(data, dict):
        for value in data.values():
            yield from _strings_in(value)
    elif isinstance(data, list):
        for value in data:
            yield from _strings_in(value)


def _assert_no_template_syntax(response) -> None:
    """No unrendered ``{{ }}`` / ``{% %}``. JSON-LD legitimately closes two
    objects with ``}}``, so it is parsed and its strings checked instead."""
    text = response.content.decode("utf-8", errors="replace")
    for data in _json_ld_blocks(text):
        for value in _strings_in(data):
            assert not any(marker in value for marker in _TEMPLATE_SYNTAX), value
    outside_json = _LD_JSON.sub("", text)
    found = [marker for marker in _TEMPLATE_SYNTAX if marker in outside_json]
    assert not found, f"raw template syntax {found} in {response.request['PATH_INFO']}"


def _fetch(client, method: str, path: str, max_hops: int = 5) -> list:
    """Every response on the way to the final one (redirects followed by hand)."""
    responses = []
    for _ in range(max_hops):
        response = getattr(client, method)(path)
        responses.append(response)
        if response.status_code not in (301, 302, 303, 307, 308):
            break
        path = response["Location"]
    return responses


# --- The channels -------------------------------------------------------------


@dataclass(frozen=True)
class Channel:
    path: object  # article -> path
    method: str = "get"
    # article -> text the final response must contain, so a channel that
    # silently stopped showing the article cannot pass by showing nothing.
    shows: object = None
    status: tuple = (200,)


def _archive_day(article) -> str:
    day = local_date(article.publish_at)
    return f"/archive/{day.year}/{day.month}/{day.day}/"


def _archive_month(article) -> str:
    day = local_date(article.publish_at)
    return f"/archive/{day.year}/{day.month}/"


def _headline(article) -> str:
    return html.escape(article.headline)


def _recent_slug(article):
    recent = article.publish_at >= timezone.now() - timedelta(days=2)
    return article.slug if recent else None


ARTICLE_VIEWS = {
    "article page": Channel(lambda a: a.get_absolute_url(), shows=_headline),
    "article ?format=json": Channel(lambda a: a.get_absolute_url() + "?format=json", shows=_headline),
    "article ?amp=1": Channel(lambda a: a.get_absolute_url() + "?amp=1", shows=_headline),
    "article ?print=1": Channel(lambda a: a.get_absolute_url() + "?print=1", shows=_headline),
    "article ?output=amp": Channel(lambda a: a.get_absolute_url() + "?output=amp", shows=_headline),
    "article without trailing slash": Channel(lambda a: a.get_absolute_url().rstrip("/"), shows=_headline),
}

CHANNELS = {
    **ARTICLE_VIEWS,
    "article HEAD": Channel(lambda a: a.get_absolute_url(), method="head"),
    "article slug upper-cased": Channel(
        lambda a: a.get_absolute_url().replace(a.slug, a.slug.upper()), status=(200, 404)
    ),
    "article /amp/ path": Channel(lambda a: a.get_absolute_url() + "amp/", status=(200, 404)),
    "article .json path": Channel(lambda a: a.get_absolute_url().rstrip("/") + ".json", status=(200, 404)),
    "API guess": Channel(lambda a: f"/api/articles/{a.slug}/", status=(200, 401, 403, 404)),
    "search guess": Channel(lambda a: "/search/?q=zebra", status=(200, 404)),
    # A visitor ends on the sign-in page; a signed-in reader is refused (not staff).
    "staff preview": Channel(lambda a: f"/preview/{a.pk}/", status=(200, 403)),
    "home page": Channel(lambda a: "/", shows=_headline),
    "section page": Channel(lambda a: a.section.get_absolute_url(), shows=_headline),
    "section page ?page=2": Channel(lambda a: a.section.get_absolute_url() + "?page=2", shows=_headline),
    "archive index": Channel(lambda a: "/archive/"),
    "archive year": Channel(lambda a: f"/archive/{local_date(a.publish_at).year}/"),
    "archive month": Channel(_archive_month),
    "archive day": Channel(_archive_day, shows=_headline),
    "site RSS": Channel(lambda a: "/feeds/rss/", shows=_headline),
    "site Atom": Channel(lambda a: "/feeds/atom/", shows=_headline),
    "section RSS": Channel(lambda a: f"/section/{a.section.slug}/rss/", shows=_headline),
    "section Atom": Channel(lambda a: f"/section/{a.section.slug}/atom/", shows=_headline),
    "sitemap.xml": Channel(lambda a: "/sitemap.xml", shows=lambda a: a.get_absolute_url()),
    "news-sitemap.xml": Channel(lambda a: "/news-sitemap.xml", shows=_recent_slug),
    "subscribe page": Channel(lambda a: f"/subscribe/?from={a.pk}"),
    "robots.txt": Channel(lambda a: "/robots.txt"),
}


def assert_nothing_gated_is_sent(client, article, channel_name: str) -> None:
    channel = CHANNELS[channel_name]
    responses = _fetch(client, channel.method, channel.path(article))
    for response in responses:
        leaked = _leaked_phrases(response)
        assert not leaked, (
            f"LEAK via {channel_name}: {leaked} in {response.status_code} response to {response.request['PATH_INFO']}"
        )
        _assert_no_template_syntax(response)
    final = responses[-1]
    assert final.status_code in channel.status, (channel_name, final.status_code)
    expected = channel.shows(article) if channel.shows else None
    if expected and final.status_code == 200:
        assert expected in final.content.decode(), f"{channel_name} no longer shows the article"


# --- The situations -------------------------------------------------------------


@pytest.fixture(autouse=True)
def meter_rules():
    MeterSettings.objects.update_or_create(
        pk=1, defaults={"free_limit": FREE_LIMIT, "archive_age_days": ARCHIVE_AGE_DAYS}
    )
    forget_rules()
    yield
    forget_rules()


@pytest.fixture
def harbour():
    return make_section(name="Harbour", slug="harbour")


# Accounts without a password (force_login needs none): hashing one costs more
# than the rest of a test.
@pytest.fixture
def non_subscriber(django_user_model):
    return django_user_model.objects.create_user(
        username="reader", email="reader@example.test", password=None
    )


@pytest.fixture
def subscriber(django_user_model):
    return django_user_model.objects.create_user(
        username="subscriber",
        email="subscriber@example.test",
        password=None,
        complimentary_access=True,
    )


def _use_up_the_meter(client, limit=FREE_LIMIT):
    for _ in range(limit):
        page = client.get(_filler_story().get_absolute_url())
        assert page.status_code == 200 and PAYWALL_LEDE not in page.text


# situation -> (what makes the article gated, the paywall's heading)
GATED_SITUATIONS = {
    "past the limit": ({}, LIMIT_REACHED.format(limit=FREE_LIMIT, s="s")),
    "premium, anonymous": ({"is_premium": True}, PREMIUM_PAYWALL),
    "premium, logged-in non-subscriber": ({"is_premium": True}, PREMIUM_PAYWALL),
    # No standfirst: the meta/OpenGraph/feed description falls back to the text.
    "premium, anonymous, no standfirst": ({"is_premium": True, "standfirst": ""}, PREMIUM_PAYWALL),
    "archive": ({"published_ago": timedelta(days=400)}, ARCHIVE_PAYWALL),
}


@pytest.fixture
def gated(request, client, harbour):
    """(client, article) for the situation named by the test's parameter."""
    situation = request.param
    if situation == "past the limit":
        _use_up_the_meter(client)
    if situation == "premium, logged-in non-subscriber":
        client.force_login(request.getfixturevalue("non_subscriber"))
    fields = {"published_ago": timedelta(hours=2), **GATED_SITUATIONS[situation][0]}
    return client, _story(section=harbour, **fields)


def situations(*names):
    return pytest.mark.parametrize("gated", list(names), indirect=True)


# --- No leak, whichever channel ---------------------------------------------------

ALL_CHANNELS = pytest.mark.parametrize("channel", list(CHANNELS))


@ALL_CHANNELS
@situations("past the limit")
def test_gated_sentence_never_reaches_a_reader_past_the_limit(gated, channel):
    client, article = gated
    assert_nothing_gated_is_sent(client, article, channel)


@ALL_CHANNELS
@situations("premium, anonymous", "premium, logged-in non-subscriber", "premium, anonymous, no standfirst")
def test_premium_text_never_reaches_a_reader_who_does_not_subscribe(gated, channel):
    client, article = gated
    assert_nothing_gated_is_sent(client, article, channel)


@ALL_CHANNELS
@situations("archive")
def test_archive_text_never_reaches_a_reader_who_does_not_subscribe(gated, channel):
    client, article = gated
    assert_nothing_gated_is_sent(client, article, channel)


# --- What the gated reader does get ------------------------------------------------

_GATED_ELEMENT = re.compile(r'class="[^"]*\barticle-gated\b')


@pytest.mark.parametrize("view", list(ARTICLE_VIEWS))
@situations(*GATED_SITUATIONS)
def test_a_gated_reader_gets_the_lead_in_and_the_paywall(request, gated, view):
    client, article = gated
    reason_text = GATED_SITUATIONS[request.node.callspec.params["gated"]][1]
    page = _fetch(client, "get", ARTICLE_VIEWS[view].path(article))[-1]
    assert page.status_code == 200
    text = page.text
    assert LEAD_OPENING in text
    assert PAYWALL_LEDE in text
    assert reason_text in text
    assert not _leaked_phrases(page)
    # The element Google's markup names as gated is not sent at all.
    assert not _GATED_ELEMENT.search(text)
    (structured,) = _json_ld_blocks(text)
    assert structured["isAccessibleForFree"] is False
    assert structured["hasPart"]["isAccessibleForFree"] is False


SUBSCRIBER_KINDS = {
    "metered": {},
    "premium": {"is_premium": True},
    "archive": {"published_ago": timedelta(days=400)},
}


@pytest.mark.parametrize("kind", list(SUBSCRIBER_KINDS))
@pytest.mark.parametrize("view", list(ARTICLE_VIEWS))
def test_a_subscriber_reads_the_gated_sentence(client, subscriber, kind, view):
    """The control: the same search finds the phrases when they may be sent."""
    client.force_login(subscriber)
    _use_up_the_meter(client)  # a subscriber has no meter to run out of
    article = _story(**SUBSCRIBER_KINDS[kind])
    page = _fetch(client, "get", ARTICLE_VIEWS[view].path(article))[-1]
    assert page.status_code == 200
    assert GATED_SENTENCE in page.text
    assert THIRD_PARAGRAPH_SENTENCE in page.text
    assert set(_leaked_phrases(page)) == set(GATED_PHRASES)
    assert PAYWALL_LEDE not in page.text
    assert _GATED_ELEMENT.search(page.text)


def test_a_reader_within_the_meter_reads_the_gated_sentence(client):
    article = _story()
    page = client.get(article.get_absolute_url())
    assert GATED_SENTENCE in page.text
    assert PAYWALL_LEDE not in page.text


# --- The meter's numbers and counting ----------------------------------------------

_examples = count(1)


@hsettings(max_examples=10, deadline=None, database=None)
@given(limit=st.integers(min_value=1, max_value=8))
def test_the_paywall_names_the_limit_that_was_reached(limit):
    MeterSettings.objects.update_or_create(pk=1, defaults={"free_limit": limit, "archive_age_days": ARCHIVE_AGE_DAYS})
    forget_rules()
    reader = Client()
    example = next(_examples)
    for n in range(1, limit + 1):
        story = make_article(headline=f"Example {example} story {n}", slug=f"example-{example}-story-{n}")
        page = reader.get(story.get_absolute_url())
        assert page.status_code == 200
        assert PAYWALL_LEDE not in page.text
        left = limit - n
        notice = (
            "This is your last free article this month."
            if left == 0
            else f"{left} of {limit} free article{'s' if limit != 1 else ''} left this month."
        )
        assert notice in page.text
        _assert_no_template_syntax(page)
    one_too_many = _story(slug=f"example-{example}-one-too-many")
    page = reader.get(one_too_many.get_absolute_url())
    assert page.status_code == 200
    assert LIMIT_REACHED.format(limit=limit, s="s" if limit != 1 else "") in page.text
    assert PAYWALL_LEDE in page.text
    assert not _leaked_phrases(page)
    _assert_no_template_syntax(page)


def test_rereading_a_counted_article_stays_full_text_after_the_limit(client):
    first, second, third = _story(), _story(), _story()
    for story in (first, second):
        assert GATED_SENTENCE in client.get(story.get_absolute_url()).text
    # The limit is reached; what was counted stays readable, however often.
    for story in (first, second, first, second):
        page = client.get(story.get_absolute_url())
        assert GATED_SENTENCE in page.text
        assert PAYWALL_LEDE not in page.text
    # The (limit + 1)-th distinct article is the first one gated.
    page = client.get(third.get_absolute_url())
    assert PAYWALL_LEDE in page.text
    assert LIMIT_REACHED.format(limit=FREE_LIMIT, s="s") in page.text
    assert not _leaked_phrases(page)


def test_a_head_request_spends_nothing_from_the_meter(client):
    first, second = _story(), _story()
    for _ in range(3):
        assert client.head(first.get_absolute_url()).status_code == 200
    client.get(second.get_absolute_url())
    # Only one of two free views spent, so another article is still free.
    assert GATED_SENTENCE in client.get(first.get_absolute_url()).text


def _csrf_token(client) -> str:
    """The token any page with a form hands out (login when anonymous, the logout confirmation when not)."""
    client.get("/accounts/login/")
    client.get("/accounts/logout/")
    return client.cookies["csrftoken"].value


# Every method other than GET and HEAD is refused before the meter is asked:
# none may read an article in full without spending it.


def _read_with(client, method, path, token):
    if method == "post":
        return client.post(path, {"csrfmiddlewaretoken": token})
    return getattr(client, method)(path)


@pytest.mark.parametrize(
    "method",
    [
        "get",
        "head",
        "options",
        "trace",
        "post",
    ],
)
@pytest.mark.parametrize("who", ["anonymous", "logged-in non-subscriber"])
def test_no_request_method_reads_more_articles_than_the_limit(request, who, method):
    reader = Client(enforce_csrf_checks=True)
    if who != "anonymous":
        reader.force_login(request.getfixturevalue("non_subscriber"))
    token = _csrf_token(reader)
    first = _story()
    assert GATED_SENTENCE in reader.get(first.get_absolute_url()).text  # 1 of 2 spent
    read_in_full = {first.pk}
    for story in (_story(), _story(), _story()):
        response = _read_with(reader, method, story.get_absolute_url(), token)
        assert response.status_code < 500
        if _leaked_phrases(response):
            read_in_full.add(story.pk)
    assert len(read_in_full) <= FREE_LIMIT, f"{len(read_in_full)} distinct articles read in full with a limit of {FREE_LIMIT}"


# --- The reader cookie --------------------------------------------------------------


def _sign(value, salt=COOKIE_SALT):
    """Sign as ``HttpResponse.set_signed_cookie`` does (its salt scheme is Django's)."""
    response = HttpResponse()
    response.set_signed_cookie(READER_COOKIE, value, salt=salt)
    return response.cookies[READER_COOKIE].value


def _reader_id_in(cookie_value):
    """The anonymous reader id the application itself reads from this cookie."""
    request = RequestFactory().get("/")
    request.COOKIES[READER_COOKIE] = cookie_value
    return anonymous_id_from(request)


TAMPERED_COOKIES = {
    "garbage": lambda: "garbage",
    "empty": lambda: "",
    "unsigned reader id": lambda: "0123456789abcdef0123456789abcdef",
    "forged signature": lambda: "0123456789abcdef0123456789abcdef:forgedsignature",
    "very long": lambda: "x" * 3000,
    "signed with another salt": lambda: _sign("0123456789abcdef0123456789abcdef", salt="another.salt"),
    "signed but not a reader id": lambda: _sign("../../etc/passwd"),
    "signed, with a receipt that is not one": lambda: _sign("0123456789abcdef0123456789abcdef.2026-12.x.y"),
}


@pytest.mark.parametrize("tampering", list(TAMPERED_COOKIES))
def test_a_tampered_reader_cookie_is_a_fresh_reader_not_an_error(client, tampering):
    article = _story()
    client.cookies[READER_COOKIE] = TAMPERED_COOKIES[tampering]()
    response = client.get(article.get_absolute_url())
    assert response.status_code == 200
    assert GATED_SENTENCE in response.text  # a fresh reader, within the meter
    assert f"1 of {FREE_LIMIT} free articles left this month." in response.text
    cookie = response.cookies[READER_COOKIE]
    assert cookie["httponly"]
    assert cookie["samesite"] == "Lax"
    reader_id = _reader_id_in(cookie.value)
    assert reader_id is not None and re.fullmatch(r"[0-9a-f]{32}", reader_id)


def test_a_new_reader_keeps_one_id_and_the_cookie_changes_only_when_an_article_is_counted(client):
    first = client.get(_story().get_absolute_url())
    cookie = first.cookies[READER_COOKIE]
    assert cookie["httponly"] and cookie["samesite"] == "Lax"
    reader_id = _reader_id_in(cookie.value)
    assert reader_id is not None
    story = _story()
    second = client.get(story.get_absolute_url())
    assert "This is your last free article this month." in second.text
    # The same reader, with the newly counted article on their receipt.
    assert _reader_id_in(second.cookies[READER_COOKIE].value) == reader_id
    again = client.get(story.get_absolute_url())
    assert "This is your last free article this month." in again.text
    assert READER_COOKIE not in again.cookies


# --- The receipt in the reader cookie (metering/receipts.py) -------------------------


def _signed_receipt(reader_id, receipt):
    """A cookie as the server itself would sign it (the test holds the secret key)."""
    return _sign(f"{reader_id}.{receipt}")


def _spy_on_the_meter_store(monkeypatch) -> list[str]:
    """The names of the meter store's calls, in order, from now on."""
    store, calls = type(meter_store()), []
    for name in ("state", "record"):
        original = getattr(store, name)
        monkeypatch.setattr(
            store, name, lambda self, _name=name, _original=original, **kw: calls.append(_name) or _original(self, **kw)
        )
    return calls


def test_a_re_read_on_the_receipt_is_answered_without_asking_the_meter_store(client, monkeypatch):
    story = _story()
    client.get(story.get_absolute_url())
    calls = _spy_on_the_meter_store(monkeypatch)
    page = client.get(story.get_absolute_url())
    assert f"1 of {FREE_LIMIT} free articles left this month." in page.text
    assert calls == []
    page = client.get(_story().get_absolute_url())
    assert "This is your last free article this month." in page.text
    # A new article is always the store's to decide. With room left on the
    # receipt it goes straight to the store's atomic count where that count
    # answers in one round trip (Redis); the database store reads first.
    assert calls == (["record"] if meter_store().record_answers_views else ["state", "record"])


def test_a_replayed_old_receipt_re_reading_an_article_counted_since_counts_it_once(client):
    from django.db.models import Sum

    from masthead.metering.events import funnel_events_discard, funnel_events_flush
    from masthead.metering.models import FunnelEvent, FunnelEventKind

    funnel_events_discard()
    client.get(_story().get_absolute_url())
    old_cookie = client.cookies[READER_COOKIE].value
    last = _story()
    client.get(last.get_absolute_url())  # the last free article, not on the old receipt
    replay = Client()
    replay.cookies[READER_COOKIE] = old_cookie
    page = replay.get(last.get_absolute_url())
    assert GATED_SENTENCE in page.text
    assert "This is your last free article this month." in page.text
    assert PAYWALL_LEDE in replay.get(_story().get_absolute_url()).text
    key = reader_key(user=None, anonymous_id=_reader_id_in(old_cookie))
    assert meter_store().state(reader=key, period=meter_period(timezone.now()), article_id=last.pk).views == FREE_LIMIT
    funnel_events_flush()
    reached = FunnelEvent.objects.filter(kind=FunnelEventKind.METER_REACHED).aggregate(n=Sum("count"))["n"]
    assert reached == 1  # the re-read is not a second "last free article"


def test_a_replayed_old_receipt_opens_nothing_the_meter_has_not_counted(client):
    first_story = _story()
    client.get(first_story.get_absolute_url())
    old_cookie = client.cookies[READER_COOKIE].value
    client.get(_story().get_absolute_url())  # the last free article
    replay = Client()
    replay.cookies[READER_COOKIE] = old_cookie
    assert PAYWALL_LEDE in replay.get(_story().get_absolute_url()).text
    # What the old receipt names was counted, so it stays readable.
    page = replay.get(first_story.get_absolute_url())
    assert GATED_SENTENCE in page.text and PAYWALL_LEDE not in page.text


def test_a_receipt_altered_after_signing_is_a_fresh_reader(client):
    story = _story()
    client.get(story.get_absolute_url())
    signed = client.cookies[READER_COOKIE].value
    period = meter_period(timezone.now())
    altered = signed.replace(f"{period}.1.{story.pk}", f"{period}.1.{story.pk + 1}")
    assert altered != signed
    thief = Client()
    thief.cookies[READER_COOKIE] = altered
    page = thief.get(_story().get_absolute_url())
    assert f"1 of {FREE_LIMIT} free articles left this month." in page.text  # nothing carried over
    assert _reader_id_in(page.cookies[READER_COOKIE].value) != _reader_id_in(signed)


def test_last_months_receipt_spares_nothing_this_month(client):
    story, reader_id = _story(), uuid.uuid4().hex
    client.cookies[READER_COOKIE] = _signed_receipt(reader_id, f"2020-01.{FREE_LIMIT}.{story.pk}")
    page = client.get(story.get_absolute_url())
    assert f"1 of {FREE_LIMIT} free articles left this month." in page.text  # counted afresh
    assert _reader_id_in(page.cookies[READER_COOKIE].value) == reader_id


def test_a_head_request_puts_nothing_on_the_receipt(client):
    client.get(_story().get_absolute_url())
    story = _story()
    assert READER_COOKIE not in client.head(story.get_absolute_url()).cookies
    page = client.get(story.get_absolute_url())
    assert "This is your last free article this month." in page.text
    assert READER_COOKIE in page.cookies


def test_a_new_readers_head_request_hands_out_an_id_without_a_receipt(client):
    story = _story()
    cookie = client.head(story.get_absolute_url()).cookies[READER_COOKIE]
    request = RequestFactory().get("/")
    request.COOKIES[READER_COOKIE] = cookie.value
    assert re.fullmatch(r"[0-9a-f]{32}", request.get_signed_cookie(READER_COOKIE, salt=COOKIE_SALT))
    assert "1 of" in client.get(story.get_absolute_url()).text  # nothing was spent


# --- Clearing cookies ----------------------------------------------------------------


def test_clearing_cookies_resets_the_meter_for_metered_articles(client):
    _use_up_the_meter(client)
    article = _story()
    assert PAYWALL_LEDE in client.get(article.get_absolute_url()).text
    page = Client().get(article.get_absolute_url())
    assert GATED_SENTENCE in page.text
    assert PAYWALL_LEDE not in page.text


@pytest.mark.parametrize(
    "kind", [{"is_premium": True}, {"published_ago": timedelta(days=400)}], ids=["premium", "archive"]
)
def test_clearing_cookies_never_unlocks_premium_or_archive_text(client, kind):
    article = _story(**kind)
    assert PAYWALL_LEDE in client.get(article.get_absolute_url()).text
    for _ in range(3):
        fresh = Client()
        for cookie in (None, "garbage"):
            if cookie is not None:
                fresh.cookies[READER_COOKIE] = cookie
            page = fresh.get(article.get_absolute_url())
            assert page.status_code == 200
            assert PAYWALL_LEDE in page.text
            assert not _leaked_phrases(page)


# --- Caching ----------------------------------------------------------------------


@pytest.mark.parametrize("method", ["get", "head"])
@situations(*GATED_SITUATIONS)
def test_gated_article_pages_are_private_and_vary_on_cookie(gated, method):
    client, article = gated
    _assert_private_and_varies_on_cookie(getattr(client, method)(article.get_absolute_url()))


@pytest.mark.parametrize("method", ["get", "head"])
def test_full_text_article_pages_are_private_and_vary_on_cookie(client, method):
    _assert_private_and_varies_on_cookie(getattr(client, method)(_story().get_absolute_url()))


def _assert_private_and_varies_on_cookie(response):
    assert response.status_code == 200
    cache_control = [part.strip().lower() for part in response["Cache-Control"].split(",")]
    assert "private" in cache_control
    assert "public" not in cache_control
    vary = [part.strip().lower() for part in response.get("Vary", "").split(",")]
    assert "cookie" in vary
