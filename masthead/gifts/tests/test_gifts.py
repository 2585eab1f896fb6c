"""Gift articles: a subscriber's link opens one article in full, for anyone,
for 14 days, without the reader's meter; nothing else opens with it."""

import re
import threading
from datetime import timedelta

import pytest
import time_machine
from django.db import connection
from django.test import Client
from django.utils import timezone

from masthead.testing.metering import set_meter
from masthead.testing.newsroom import (
    BEYOND_LEAD_IN,
    PAYWALL_TEXT,
    make_story_with_hidden_sentence,
)
from masthead.gifts.models import GiftLink, GiftSettings
from masthead.gifts.services import gift_create
from masthead.metering.models import MeteredView

pytestmark = pytest.mark.django_db


@pytest.fixture
def subscriber(django_user_model):
    return django_user_model.objects.create_user(
        username="asha", email="asha@example.test", password="x" * 20,
        first_name="Asha", last_name="Rao", complimentary_access=True,
    )  # fmt: skip


@pytest.fixture
def subscriber_client(subscriber):
    browser = Client()
    browser.force_login(subscriber)
    return browser


def _gift_link(subscriber_client, article) -> str:
    page = subscriber_client.post(f"{article.get_absolute_url()}gift/").text
    match = re.search(r'value="(http[^"]+\?gift=[^"]+)"', page)
    assert match, page
    return match.group(1).replace("http://testserver", "")


def test_a_gift_link_opens_the_article_in_full_without_the_meter(subscriber_client, client):
    set_meter(free_limit=0)  # a hard paywall: only the gift can open it
    article = make_story_with_hidden_sentence(is_premium=True)
    link = _gift_link(subscriber_client, article)

    page = client.get(link).text
    assert BEYOND_LEAD_IN in page and PAYWALL_TEXT not in page
    assert "Asha R. gifted you this article." in page
    assert "does not count towards your free articles" in page
    assert MeteredView.objects.count() == 0
    assert GiftLink.objects.get().opened_count == 1

    # Without the token the same reader meets the paywall.
    plain = client.get(article.get_absolute_url()).text
    assert BEYOND_LEAD_IN not in plain and PAYWALL_TEXT in plain and "gifted you" not in plain


def test_reading_a_gift_leaves_the_readers_free_articles_untouched(subscriber_client, client):
    set_meter(free_limit=1)
    gifted, other = make_story_with_hidden_sentence(), make_story_with_hidden_sentence()
    client.get(_gift_link(subscriber_client, gifted))
    page = client.get(other.get_absolute_url()).text
    assert BEYOND_LEAD_IN in page and "This is your last free article this month." in page


def test_a_tampered_token_or_one_moved_to_another_article_opens_nothing(subscriber_client, client):
    set_meter(free_limit=0)
    gifted, other = make_story_with_hidden_sentence(), make_story_with_hidden_sentence()
    link = _gift_link(subscriber_client, gifted)
    token = link.split("gift=")[1]
    tampered = token[:-2] + ("AA" if not token.endswith("AA") else "BB")
    for attempt in (
        f"{gifted.get_absolute_url()}?gift={tampered}",
        f"{other.get_absolute_url()}?gift={token}",
        f"{gifted.get_absolute_url()}?gift=" + "x" * 500,
        f"{gifted.get_absolute_url()}?gift=",
    ):
        response = client.get(attempt)
        assert response.status_code == 200
        assert BEYOND_LEAD_IN not in response.text and PAYWALL_TEXT in response.text
        assert "This gift link is not valid." in response.text


def test_a_gift_expires_after_fourteen_days(subscriber_client, client):
    set_meter(free_limit=0)
    article = make_story_with_hidden_sentence()
    link = _gift_link(subscriber_client, article)
    with time_machine.travel(timezone.now() + timedelta(days=13, hours=23)):
        assert BEYOND_LEAD_IN in client.get(link).text
    with time_machine.travel(timezone.now() + timedelta(days=14, minutes=1)):
        page = client.get(link).text
        assert BEYOND_LEAD_IN not in page and PAYWALL_TEXT in page
        assert "This gift link expired on" in page


def test_the_monthly_allowance_is_kept_and_regifting_costs_nothing(subscriber, subscriber_client):
    GiftSettings(gifts_per_month=2).save()
    first, second, third = make_story_with_hidden_sentence(), make_story_with_hidden_sentence(), make_story_with_hidden_sentence()
    link = _gift_link(subscriber_client, first)
    assert _gift_link(subscriber_client, first) == link  # the same article again: the same link
    _gift_link(subscriber_client, second)
    refused = subscriber_client.post(f"{third.get_absolute_url()}gift/").text
    assert "You have used all 2 gift articles for this month." in refused
    assert GiftLink.objects.filter(giver=subscriber).count() == 2

    account = subscriber_client.get("/account/").text
    assert "0 of 2 gift articles left this month." in account
    assert first.headline in account and second.headline in account


def test_readers_without_a_subscription_cannot_gift(django_user_model, client):
    reader = django_user_model.objects.create_user(username="r", email="r@example.test", password="x" * 20)
    client.force_login(reader)
    article = make_story_with_hidden_sentence()
    page = client.post(f"{article.get_absolute_url()}gift/").text
    assert "Gift articles come with a subscription." in page
    assert not GiftLink.objects.exists()
    assert "Gift this article" not in client.get(article.get_absolute_url()).text


def test_a_head_request_does_not_count_as_an_opening(subscriber_client, client):
    article = make_story_with_hidden_sentence()
    link = _gift_link(subscriber_client, article)
    client.head(link)
    assert GiftLink.objects.get().opened_count == 0


@pytest.mark.django_db(transaction=True)
def test_parallel_gifts_never_exceed_the_allowance(subscriber):
    GiftSettings(gifts_per_month=3).save()
    articles = [make_story_with_hidden_sentence() for _ in range(8)]
    barrier = threading.Barrier(len(articles))
    outcomes = []

    def gift(article):
        try:
            barrier.wait()
            gift_create(user=subscriber, article=article)
            outcomes.append("made")
        except Exception as error:  # noqa: BLE001 (the refusals are the point)
            outcomes.append(getattr(error, "code", repr(error)))
        finally:
            connection.close()

    threads = [threading.Thread(target=gift, args=(a,)) for a in articles]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert GiftLink.objects.filter(giver=subscriber).count() == 3
    assert outcomes.count("made") == 3
    assert set(outcomes) <= {"made", "gift_allowance_used"}


def test_the_account_page_says_a_gift_not_yet_opened_in_words(subscriber_client, client):
    article = make_story_with_hidden_sentence()
    link = _gift_link(subscriber_client, article)
    assert '<td data-label="Opened">Not yet</td>' in subscriber_client.get("/account/").text
    client.get(link)
    assert '<td data-label="Opened">1 time</td>' in subscriber_client.get("/account/").text
