"""Carrying the account's month back into the browser at log-out
(docs/paywall.md, "Signing up again opens nothing more") carries the
articles themselves, not only how many: the browser, now over its limit,
gets the full text of exactly the stories the account read this month, on
any device (the phone's app included), and the paywall on every other. The
next person at a shared computer reads the account holder's month off the
site at no cost: a story in full was read by them. The count alone would
keep a second sign-up from opening more."""

import pytest
from django.test import Client

from masthead.testing.metering import set_meter
from masthead.testing.newsroom import make_article

pytestmark = pytest.mark.django_db

PASSWORD = "a fine long password for the shared computer"
BODY_BEYOND_LEAD_IN = "Second paragraph of the story."


def test_after_log_out_the_browser_cannot_tell_which_stories_the_account_read_elsewhere(django_user_model):
    set_meter(free_limit=1, account_extra=1)
    user = django_user_model.objects.create_user(username="lata", email="lata@example.test", password=PASSWORD)
    seen_here, private_read, never_read = (make_article(headline=f"Shared story {n}") for n in range(3))

    # On her phone, signed in, Lata reads a story.
    phone = Client()
    phone.force_login(user)
    assert BODY_BEYOND_LEAD_IN in phone.get(private_read.get_absolute_url()).text

    # At the library computer she reads one story, logs in, then logs out.
    library = Client()
    library.get(seen_here.get_absolute_url())
    assert library.post("/accounts/login/", {"login": user.email, "password": PASSWORD}).status_code == 302
    library.post("/accounts/logout/")

    # The next person at that computer: the story she read on her phone
    # must look like any other story they have not read.
    other = library.get(private_read.get_absolute_url()).text
    unread = library.get(never_read.get_absolute_url()).text
    assert BODY_BEYOND_LEAD_IN not in unread
    assert BODY_BEYOND_LEAD_IN not in other
