"""A reader who logs in on a shared browser is held to what the last
account there has left *now*, counting what that account read on its own
devices after it left: one account, signed in once at a shared computer,
locks everyone who logs in there after it out of their month, everywhere.

docs/desk.md: "when a second account logs in on a browser another account
used, it starts where that one stopped, as without an experiment". Without
an experiment a second account starts from the browser's count: what the
first account read there, given back at its log-out. The hold instead
reads the first account's whole month at the moment the second logs in
(``meter_left`` of its account), and counts that much into the second
account's month on every device.

What an attacker does: early in the month they log in at the library's
(or the office's) shared computer, read nothing there, and log out. At
home they read their five free stories. Every reader who later logs in at
that computer (until another account does) is held to the attacker's
nothing left: their own five free articles are gone for the month, on
their phone too, for stories they never read.

What should happen: the second account starts where the first stopped on
that browser (its count there), not where the first account's month
stands later on other devices; a reader who reads nothing at the shared
computer loses nothing by someone else's reading elsewhere.
"""

import pytest
from django.test import Client

from masthead.experiments.tests.factories import browser_of
from masthead.testing.metering import set_meter
from masthead.testing.newsroom import make_article

pytestmark = pytest.mark.django_db
FULL = "Second paragraph of the story."
PASSWORD = "a fine long password"


def _full(browser, story) -> bool:
    return FULL in browser.get(story.get_absolute_url()).text


def test_reading_done_elsewhere_after_leaving_a_shared_browser_holds_nobody_there(django_user_model):
    set_meter(free_limit=5)
    stories = [make_article(headline=f"Story {n}") for n in range(6)]
    django_user_model.objects.create_user(username="attacker", email="attacker@example.test", password=PASSWORD)
    django_user_model.objects.create_user(username="victim", email="victim@example.test", password=PASSWORD)

    kiosk = browser_of("0123456789abcdef0123456789abcdef")  # the shared computer's browser, with its reader cookie
    assert kiosk.post("/accounts/login/", {"login": "attacker@example.test", "password": PASSWORD}).status_code == 302
    kiosk.post("/accounts/logout/")  # read nothing there

    home = Client()
    assert home.post("/accounts/login/", {"login": "attacker@example.test", "password": PASSWORD}).status_code == 302
    assert [_full(home, story) for story in stories[:6]] == [True] * 5 + [False]  # the month used up at home

    assert kiosk.post("/accounts/login/", {"login": "victim@example.test", "password": PASSWORD}).status_code == 302
    phone = Client()
    phone.post("/accounts/login/", {"login": "victim@example.test", "password": PASSWORD})
    assert _full(phone, stories[0]), "the victim's own month is gone, on their phone too, for stories nobody read there"
