"""Sleeping subscribers: who counts as asleep, the reading history behind
it, the stories their mail offers, and the monthly limit."""

from datetime import timedelta
from io import StringIO

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command
from django.utils import timezone

from masthead.newsletters.models import SleepingDigest
from masthead.newsletters.sleeping import digest_stories, sleeping_digests_send, sleeping_subscribers
from masthead.newsroom.models import ArticleReading
from masthead.subscriptions.models import MailKind, MailOptOut, Subscription, SubscriptionStatus
from masthead.testing.concurrency import in_threads
from masthead.testing.newsroom import BEYOND_LEAD_IN, make_article, make_section, make_story_with_hidden_sentence
from masthead.testing.subscriptions import make_plan

S = SubscriptionStatus
NOW = timezone.now().replace(microsecond=0)


def _reader(django_user_model, name):
    return django_user_model.objects.create_user(
        username=name, email=f"{name}@example.test", password="a long password here", first_name=name.title()
    )


def _subscribe(user, *, since_days=90, status=S.ACTIVE):
    plan = make_plan(price_minor=900_00, term_months=3)
    start = NOW - timedelta(days=since_days)
    return Subscription.objects.create(
        user=user, plan=plan, status=status, price_minor=plan.price_minor, term_months=3, term_number=1,
        started_at=start, term_start=NOW - timedelta(days=30), term_end=NOW + timedelta(days=60),
    )  # fmt: skip


def _read(user, article, days_ago):
    at = NOW - timedelta(days=days_ago)
    ArticleReading.objects.create(user=user, article=article, first_read_at=at, last_read_at=at)


def _readers(article, count, django_user_model):
    for _ in range(count):
        n = ArticleReading.objects.count() + django_user_model.objects.count()
        _read(_reader(django_user_model, f"other{n}"), article, days_ago=2)


@pytest.fixture
def sleeper(db, django_user_model):
    reader = _reader(django_user_model, "asha")
    _subscribe(reader)
    return reader


def test_a_signed_in_reader_reading_a_story_is_recorded_once_a_day(sleeper, client):
    article = make_article()
    client.force_login(sleeper)
    assert client.get(article.get_absolute_url()).status_code == 200
    client.get(article.get_absolute_url())
    (reading,) = ArticleReading.objects.filter(user=sleeper)
    assert reading.article == article and reading.first_read_at == reading.last_read_at


def test_a_story_met_at_the_paywall_is_not_a_reading(db, django_user_model, client):
    reader = _reader(django_user_model, "ravi")
    story = make_story_with_hidden_sentence(is_premium=True)
    client.force_login(reader)
    assert BEYOND_LEAD_IN not in client.get(story.get_absolute_url()).content.decode()
    assert not ArticleReading.objects.exists()


def test_who_is_asleep(sleeper, django_user_model):
    _read(sleeper, make_article(published_ago=timedelta(days=50)), days_ago=40)
    awake = _reader(django_user_model, "awake")
    _subscribe(awake)
    _read(awake, make_article(), days_ago=5)
    new = _reader(django_user_model, "new")
    _subscribe(new, since_days=10)
    gone = _reader(django_user_model, "gone")
    _subscribe(gone, status=S.ENDED)
    never_read = _reader(django_user_model, "never")
    _subscribe(never_read, status=S.CANCELLING)

    assert set(sleeping_subscribers(NOW).values_list("username", flat=True)) == {"asha", "never"}


@pytest.fixture
def newsroom(sleeper, django_user_model):
    """Asha read Markets most, then Tech, 40 days ago; since then readers read these."""
    markets, tech, sports = make_section(name="Markets"), make_section(name="Tech"), make_section(name="Sports")
    for _ in range(3):
        _read(sleeper, make_article(section=markets, published_ago=timedelta(days=45)), days_ago=40)
    _read(sleeper, make_article(section=tech, published_ago=timedelta(days=45)), days_ago=40)
    stories = {
        "A": make_article(section=markets, headline="Markets story A", published_ago=timedelta(days=3)),
        "B": make_article(section=markets, headline="Markets story B", published_ago=timedelta(days=4)),
        "C": make_story_with_hidden_sentence(section=markets, headline="Markets story C", is_premium=True),
        "T": make_article(section=tech, headline="Tech story T", published_ago=timedelta(days=5)),
        "E": make_article(section=sports, headline="Sports story E", published_ago=timedelta(days=6)),
        "F": make_article(section=sports, headline="Sports story F", published_ago=timedelta(days=7)),
        "old": make_article(section=markets, headline="Markets story before", published_ago=timedelta(days=35)),
    }
    for key, count in {"A": 3, "B": 1, "T": 2, "E": 5, "old": 9}.items():
        _readers(stories[key], count, django_user_model)
    return stories


def test_the_digest_offers_the_most_read_stories_from_the_readers_sections_then_others(sleeper, newsroom):
    picked = [story.headline for story in digest_stories(user=sleeper, now=NOW)]
    assert picked == ["Markets story A", "Tech story T", "Markets story B", "Markets story C", "Sports story E"]


def test_the_mail_lists_headlines_standfirsts_and_links_but_no_story_text(sleeper, newsroom, smtp):
    assert sleeping_digests_send(now=NOW) == 1
    (message,) = smtp.for_address("asha@example.test")
    body = message.get_body(preferencelist=("plain",)).get_content()
    flat = " ".join(body.split())
    assert message["Subject"].endswith(": the stories you missed")
    assert "Dear Asha," in body
    assert "1. Markets story A (Markets)" in body and "5. Sports story E (Sports)" in body
    assert "Sports story F" not in body and "Markets story before" not in body
    assert newsroom["A"].standfirst in body
    assert f"https://news.example.test{newsroom['C'].get_absolute_url()}" in body
    assert BEYOND_LEAD_IN not in body and BEYOND_LEAD_IN not in message.get_body(preferencelist=("html",)).get_content()
    assert "at most once a month" in flat and "/mail/stop/" in message["List-Unsubscribe"]


def test_a_reader_is_mailed_at_most_once_in_30_days(sleeper, newsroom, smtp):
    assert sleeping_digests_send(now=NOW) == 1
    assert sleeping_digests_send(now=NOW + timedelta(days=10)) == 0
    make_article(headline="A newer story", published_ago=timedelta(days=0), now=NOW + timedelta(days=25))
    assert sleeping_digests_send(now=NOW + timedelta(days=31)) == 1
    second = smtp.for_address("asha@example.test")[1].get_body(preferencelist=("plain",)).get_content()
    assert "A newer story" in second and "Markets story A" not in second
    assert SleepingDigest.objects.get(user=sleeper).sent_count == 2


def test_nothing_to_offer_sends_nothing(sleeper, smtp):
    assert sleeping_digests_send(now=NOW) == 0 and smtp.messages == []


def test_switched_off_or_stopped_sends_nothing(sleeper, newsroom, smtp, settings):
    settings.MASTHEAD_SLEEPING_DIGEST = "off"
    assert sleeping_digests_send(now=NOW) == 0
    settings.MASTHEAD_SLEEPING_DIGEST = "on"
    MailOptOut.objects.create(user=sleeper, kind=MailKind.SLEEPING_DIGEST)
    assert sleeping_digests_send(now=NOW) == 0
    assert smtp.messages == []


def test_the_stop_link_in_the_digest_stops_it(sleeper, newsroom, smtp, client):
    sleeping_digests_send(now=NOW)
    link = smtp.for_address("asha@example.test")[0]["List-Unsubscribe"].strip("<>")
    assert client.post(link.removeprefix("https://news.example.test")).status_code == 200
    assert MailOptOut.objects.filter(user=sleeper, kind=MailKind.SLEEPING_DIGEST).exists()


@pytest.mark.django_db(transaction=True)
def test_two_runs_at_once_mail_once(sleeper, newsroom, smtp):
    sent, errors = in_threads(lambda: sleeping_digests_send(now=NOW), lambda: sleeping_digests_send(now=NOW))
    assert errors == [] and sum(sent) == 1
    assert len(smtp.for_address("asha@example.test")) == 1


def test_the_command_sends_or_says_it_is_off(sleeper, newsroom, smtp, settings):
    out = StringIO()
    settings.MASTHEAD_SLEEPING_DIGEST = "off"
    call_command("sleeping_digest_send", stdout=out)
    assert "switched off (MASTHEAD_SLEEPING_DIGEST=off): none sent" in out.getvalue()
    settings.MASTHEAD_SLEEPING_DIGEST = "on"
    call_command("sleeping_digest_send", stdout=out)
    assert out.getvalue().endswith("1 stories-missed mail sent\n") and len(smtp.messages) == 1
    settings.MASTHEAD_SLEEPING_DIGEST = "sometimes"
    with pytest.raises(ImproperlyConfigured, match="must be on or off"):
        call_command("sleeping_digest_send", stdout=out)


def test_with_reading_history_off_nothing_is_recorded_and_nobody_is_mailed_as_asleep(
    sleeper, newsroom, smtp, settings, client
):
    settings.MASTHEAD_READING_HISTORY = "off"
    article = make_article()
    client.force_login(sleeper)
    assert client.get(article.get_absolute_url()).status_code == 200
    assert not ArticleReading.objects.filter(user=sleeper, article=article).exists()
    # Without a history everyone would look asleep: the mail is off with it.
    assert sleeping_digests_send(now=NOW) == 0 and smtp.messages == []
    out = StringIO()
    call_command("sleeping_digest_send", stdout=out)
    assert "MASTHEAD_READING_HISTORY=off" in out.getvalue() and smtp.messages == []
    settings.MASTHEAD_READING_HISTORY = "sometimes"
    with pytest.raises(ImproperlyConfigured, match="MASTHEAD_READING_HISTORY must be on or off"):
        client.get(article.get_absolute_url())
