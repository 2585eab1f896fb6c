"""The paywall's subscribe links carry the class of where the visit came
from (``via=``), but the article page is cached for everyone who meets the
same paywall: the first reader's class is handed to every reader after them.

What an attacker does: they open a paywalled story with a search engine's
Referer (or any class they like) as the page's cache is empty. For the next
half minute every reader who meets that story's paywall gets a page whose
links say ``via=search``; a direct reader who clicks "Subscribe" is counted
under search, and so is their checkout and their payment. Done on a
schedule, the desk's "by referrer" table says search sells subscriptions
that direct visits sold.

What should happen: a reader's links carry their own visit's class, or
none (a direct visit carries none).
"""

import re

import pytest
from django.test import Client

from masthead.testing.metering import set_meter
from masthead.testing.newsroom import make_article
from masthead.testing.subscriptions import make_plan

pytestmark = pytest.mark.django_db


def _choose_link(page: str) -> str:
    return re.search(r'<a class="button" href="([^"]+)">Choose Smart Quarterly</a>', page).group(1).replace("&amp;", "&")


def test_a_direct_reader_s_paywall_links_do_not_carry_an_earlier_reader_s_search_class(django_user_model):
    set_meter(free_limit=0)
    make_plan(name="Smart Quarterly", slug="smart-quarterly", price_minor=900_00, term_months=3)
    story = make_article(headline="Inside the rate decision")
    attacker, reader = Client(), Client()
    attacker.force_login(django_user_model.objects.create_user(username="a", email="a@example.test", password="x" * 20))
    reader.force_login(django_user_model.objects.create_user(username="r", email="r@example.test", password="x" * 20))

    poisoned = attacker.get(story.get_absolute_url(), HTTP_REFERER="https://www.google.com/").content.decode()
    assert _choose_link(poisoned).endswith("&via=search")

    # A reader who typed the address: a direct visit, whose links carry no class.
    page = reader.get(story.get_absolute_url()).content.decode()
    assert "via=" not in _choose_link(page)
