import re
import uuid
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command
from django.test import Client
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from masthead.access.readers import Reader
from masthead.newsroom import services as newsroom
from masthead.newsroom.models import Article, ArticleStatus
from masthead.search.backends import Order
from masthead.search.models import SearchEntry
from masthead.search.query import parse_query
from masthead.search.selectors import search_articles
from masthead.testing.metering import set_meter
from masthead.testing.newsroom import make_article, make_section

pytestmark = pytest.mark.django_db

# Beyond the lead-in (the first paragraph, about 60 words, is cut to 32).
SECRET = "The zebra quartet negotiated secretly with the harbour board."
OPENING = "<p>" + " ".join(["Opening"] + ["word"] * 59) + ".</p>"
KOLKATA = ZoneInfo("Asia/Kolkata")


def new_reader():
    """A reader arriving just now: under the meter, so every free story's
    full text is theirs to search (premium and archive stories' is not)."""
    return Reader(user=None, anonymous_id=uuid.uuid4().hex, minted=True)


def found(text, reader=None, **filters):
    page = search_articles(query=parse_query(text), reader=reader or new_reader(), **filters)
    return [article.headline for article in page.articles]


def without_the_query(page_html):
    """The page less the places that repeat the reader's own words back to
    them (the title and the search box): what is left came from the site."""
    page_html = re.sub(r"<title>.*?</title>", "", page_html, flags=re.S)
    return re.sub(r'<input id="search-q"[^>]*>', "", page_html)


def result_headlines(page_html):
    return [re.sub(r"<.*?>", "", headline) for headline in re.findall(r'class="teaser__headline"><a [^>]*>(.*?)</a>', page_html)]


def test_finds_words_in_headline_standfirst_and_body_with_the_headline_first():
    make_article(headline="Traders shrug", standfirst="Nothing moved.", body=OPENING + "<p>The monsoon arrived late.</p>")
    make_article(headline="Quiet markets", standfirst="The monsoon kept buyers home.")
    make_article(headline="Monsoon lifts farm stocks", standfirst="Sowing picks up.")
    make_article(headline="Unrelated story")
    assert found("monsoon") == ["Monsoon lifts farm stocks", "Quiet markets", "Traders shrug"]


def test_stemmed_words_and_phrases_match():
    make_article(headline="Banks raise lending rates")
    make_article(headline="Rates steady at central bank")
    assert set(found("bank")) == {"Banks raise lending rates", "Rates steady at central bank"}
    assert found('"central bank"') == ["Rates steady at central bank"]
    assert found("banks lending") == ["Banks raise lending rates"]


def test_section_and_date_filters():
    markets, sport = make_section(name="Markets", slug="markets"), make_section(name="Sport", slug="sport")
    at = datetime(2024, 3, 10, 12, 0, tzinfo=KOLKATA)
    make_article(headline="Cricket and markets", section=sport, publish_at=at, status=ArticleStatus.PUBLISHED)
    make_article(headline="Markets march", section=markets, publish_at=at, status=ArticleStatus.PUBLISHED)
    # 00:30 on 12 March in Kolkata is still 11 March in UTC: days are the publication's.
    make_article(headline="Markets after midnight", section=markets, status=ArticleStatus.PUBLISHED,
                 publish_at=datetime(2024, 3, 12, 0, 30, tzinfo=KOLKATA))  # fmt: skip
    assert set(found("markets", section=markets)) == {"Markets after midnight", "Markets march"}
    assert found("markets", day_from=datetime(2024, 3, 12).date()) == ["Markets after midnight"]
    assert set(found("markets", day_to=datetime(2024, 3, 11).date())) == {"Cricket and markets", "Markets march"}
    assert found("markets", section=sport, day_from=datetime(2024, 3, 10).date(), day_to=datetime(2024, 3, 10).date()) == [
        "Cricket and markets"
    ]
    client = Client()
    page = client.get("/search/", {"q": "markets", "section": "markets", "from": "2024-03-11", "to": "2024-03-31"}).text
    assert result_headlines(page) == ["Markets after midnight"]


def test_drafts_and_scheduled_articles_are_found_only_once_live():
    now = timezone.now()
    make_article(headline="Budget draft leak", published_ago=None, status=ArticleStatus.DRAFT)
    scheduled = make_article(headline="Budget speech tonight", status=ArticleStatus.SCHEDULED, publish_at=now + timedelta(hours=2))
    make_article(headline="Budget session opens")
    assert found("budget", now=now) == ["Budget session opens"]
    assert "Budget speech tonight" not in Client().get("/search/?q=budget").text
    # Its time comes: findable with no job having run.
    assert set(found("budget", now=scheduled.publish_at + timedelta(seconds=1))) == {"Budget speech tonight", "Budget session opens"}


def test_an_edit_reindexes_the_article():
    article = make_article(headline="Tariff talks stall")
    article.headline = "Trade deal signed"
    newsroom.article_save(article=article, changed_fields={"headline"})
    assert found("tariff") == []
    assert found("trade deal") == ["Trade deal signed"]


def test_unpublishing_and_deleting_remove_the_article():
    taken_down = make_article(headline="Harbour strike ends")
    deleted = make_article(headline="Harbour dredging begins")
    newsroom.article_unpublish(article=taken_down)
    deleted.delete()
    assert found("harbour") == []
    assert not SearchEntry.objects.exists()
    newsroom.article_publish(article=taken_down)
    assert found("harbour") == ["Harbour strike ends"]


def test_the_result_page_highlights_and_escapes(client):
    make_article(headline="Rates & <b>bold</b> claims", standfirst="Rates rise.", meter_exempt=True,
                 body=OPENING + "<p>Central banks set rates &lt;script&gt;alert(1)&lt;/script&gt; today.</p>")  # fmt: skip
    response = client.get("/search/", {"q": "rates"})
    page = response.text
    assert "<mark>Rates</mark> &amp; &lt;b&gt;bold&lt;/b&gt; claims" in page
    assert "<script>alert(1)" not in page
    assert "set <mark>rates</mark> &lt;script&gt;alert(1)&lt;/script&gt; today." in page
    assert response["Cache-Control"] == "private, no-cache"


def _gated_articles():
    body = OPENING + f"<p>{SECRET}</p>"
    premium = make_article(headline="Port authority shake-up", body=body, is_premium=True)
    archive = make_article(headline="Old port authority files", body=body, published_ago=timedelta(days=800))
    return premium, archive


@pytest.mark.parametrize("who", ["anonymous", "logged-in reader"])
def test_gated_text_never_reaches_a_reader_who_may_not_read_it(client, reader, who):
    set_meter(free_limit=5, archive_age_days=365)
    _gated_articles()
    if who == "logged-in reader":
        client.force_login(reader)
    for query in (SECRET, f'"{SECRET}"', "zebra quartet harbour"):
        page = client.get("/search/", {"q": query}).text
        # The body's words do not even find them (test_search_paywall.py).
        assert result_headlines(page) == []
        assert "zebra" not in without_the_query(page).lower() and "negotiated" not in without_the_query(page)
    # Found by their headlines, and the snippet is from the lead-in.
    page = client.get("/search/", {"q": "port authority"}).text
    assert set(result_headlines(page)) == {"Port authority shake-up", "Old port authority files"}
    assert "zebra" not in page and "quartet" not in page and "negotiated" not in page


def test_a_subscriber_sees_the_body_in_the_snippet(client, subscriber):
    _gated_articles()
    client.force_login(subscriber)
    page = client.get("/search/", {"q": "zebra quartet"}).text
    assert page.count("<mark>zebra</mark> <mark>quartet</mark> negotiated secretly") == 2


def test_a_metered_story_shows_its_body_only_once_the_reader_has_spent_a_view_on_it(client):
    story = make_article(headline="Ferry timetable", body=OPENING + f"<p>{SECRET}</p>")
    assert "quartet" not in client.get("/search/", {"q": "zebra"}).text
    client.get(story.get_absolute_url())  # counted on this reader's meter
    assert "<mark>zebra</mark> quartet" in client.get("/search/", {"q": "zebra"}).text
    # The search itself spent nothing: another reader has all their free articles.
    other = Client()
    other.get("/search/", {"q": "zebra"})
    assert "4 of 5 free articles left this month." in other.get(story.get_absolute_url()).text


def test_bad_filters_are_refused_with_a_message(client):
    make_article(headline="Monsoon session")
    for params, message in (
        ({"q": "monsoon", "from": "10/03/2024"}, "Enter a valid date."),
        ({"q": "monsoon", "section": "no-such-section"}, "Select a valid choice."),
        ({"q": "monsoon", "from": "2024-03-10", "to": "2024-03-01"}, "The end date comes before the start date."),
    ):
        response = client.get("/search/", params)
        assert response.status_code == 400 and message in response.text
        assert result_headlines(response.text) == []


def test_pages_of_results(client):
    section = make_section()
    for n in range(25):
        make_article(headline=f"Election update {n}", section=section, published_ago=timedelta(hours=n + 1))
    first = client.get("/search/", {"q": "election"}).text
    assert "25 stories found" in first and "Page 1 of 2" in first and len(result_headlines(first)) == 20
    second = client.get("/search/", {"q": "election", "page": "2"}).text
    assert len(result_headlines(second)) == 5 and not set(result_headlines(second)) & set(result_headlines(first))
    # A page past the end shows the last one.
    assert "Page 2 of 2" in client.get("/search/", {"q": "election", "page": "999999999999"}).text


def _monsoon_stories():
    """Three matches: the best match is the oldest, the weakest the newest."""
    make_article(headline="Monsoon lifts farm stocks", standfirst="The monsoon, at last.", published_ago=timedelta(days=30))
    make_article(headline="Quiet markets", standfirst="The monsoon kept buyers home.", published_ago=timedelta(days=3))
    make_article(headline="Traders shrug", body=OPENING + "<p>The monsoon arrived late.</p>", published_ago=timedelta(hours=2))


def test_results_can_come_newest_first(client):
    _monsoon_stories()
    best_first = ["Monsoon lifts farm stocks", "Quiet markets", "Traders shrug"]
    newest_first = ["Traders shrug", "Quiet markets", "Monsoon lifts farm stocks"]
    assert found("monsoon") == best_first
    assert found("monsoon", order=Order.NEWEST) == newest_first

    page = client.get("/search/", {"q": "monsoon", "sort": "newest"}).text
    assert result_headlines(page) == newest_first
    assert '<option value="newest" selected>Newest first</option>' in page
    # The order can be switched back from the results, keeping the words.
    back = re.search(r'Newest first · <a href="([^"]+)">Best match first</a>', page).group(1)
    assert back == "?q=monsoon"
    relevance = client.get("/search/" + back).text
    assert result_headlines(relevance) == best_first
    assert re.search(r'Best match first · <a href="\?q=monsoon&amp;sort=newest">Newest first</a>', relevance)


def test_newest_first_pages_go_back_in_time(client):
    section = make_section()
    for n in range(25):
        make_article(headline=f"Election update {n}", section=section, published_ago=timedelta(hours=n + 1))
    first = client.get("/search/", {"q": "election", "sort": "newest"}).text
    assert result_headlines(first) == [f"Election update {n}" for n in range(20)]
    assert "Older →" in first and "More results" not in first
    second = client.get("/search/", {"q": "election", "sort": "newest", "page": "2"}).text
    assert result_headlines(second) == [f"Election update {n}" for n in range(20, 25)] and "← Newer" in second


def test_an_unknown_order_is_refused_with_a_message(client):
    make_article(headline="Monsoon session")
    response = client.get("/search/", {"q": "monsoon", "sort": "random"})
    assert response.status_code == 400 and "Order: Select a valid choice." in response.text


def test_every_page_has_a_labelled_search_box(client):
    page = client.get("/").text
    assert '<label for="site-search-q">Search the archive</label>' in page
    assert 'id="site-search-q" type="search" name="q"' in page


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(query=st.one_of(st.text(max_size=300), st.sampled_from(['"', '""', "*", "a*", "-a", "NEAR(a b)", "a:b", "^", "AND", "OR", "NOT x", "(", "'", "\\", "x" * 5000])))
def test_no_query_ever_fails(client, query):
    make_article(headline="Anything at all")
    response = client.get("/search/", {"q": query})
    assert response.status_code in (200, 400)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(params=st.dictionaries(st.sampled_from(["q", "section", "from", "to", "page"]), st.text(max_size=40)))
def test_no_address_ever_fails(client, params):
    assert client.get("/search/", params).status_code in (200, 400)


def test_saving_through_the_upcoming_list_reindexes_too():
    from masthead.newsroom.models import UpcomingArticle

    article = make_article(headline="Ferry fares frozen")
    upcoming = UpcomingArticle.objects.get(pk=article.pk)
    upcoming.headline = "Ferry fares doubled"
    upcoming.save()
    assert found("doubled") == ["Ferry fares doubled"] and found("frozen") == []


def test_rebuild_restores_lost_entries_and_drops_stale_ones():
    kept = make_article(headline="Lighthouse restored")
    draft = make_article(headline="Lighthouse draft")
    SearchEntry.objects.filter(pk=kept.pk).delete()
    # A draft left in the index behind Django's back (an import, a restore).
    Article.objects.filter(pk=draft.pk).update(status=ArticleStatus.DRAFT)
    assert found("lighthouse") == [] and SearchEntry.objects.filter(pk=draft.pk).exists()
    call_command("search_rebuild", stdout=open("/dev/null", "w"))
    assert found("lighthouse") == ["Lighthouse restored"]
    assert list(SearchEntry.objects.values_list("article_id", flat=True)) == [kept.pk]
