"""Every checkout form sent keeps a 30-day entry in the shared cache, and
the checkouts it replaces keep theirs: one free account fills the cache.

Checkout keeps the funnel's story and classes under the pending
subscription's id (``funnel:checkout:<id>``) for 30 days, for the first
payment's "paid". Sending the form again ends the pending subscription
and makes a new one, with a new id and a new entry; the old entry is
dropped only by a payment, which a replaced checkout never gets.

What an attacker does: signed in with any free account, they send the
checkout form in a loop (no payment, no card, nothing asked of them). Each
sending adds an entry that stays a month. The shared cache is where the
log-in rate limits live; in the database cache it holds at most 200,000
entries and, when full, culls a third of them by key order, so the
"allauth:rl:…" counters (which sort before "funnel:…") go first, and with
them the limit on password guesses; real readers' checkout entries go too,
and their payments are counted under the wrong classes.

What should happen: a checkout that is replaced (or ended) takes its entry
with it; a reader holds at most their one pending checkout's.
"""

import pytest
from django.core.cache import cache
from django.test import Client

from masthead.metering.events import CHECKOUT_KEY
from masthead.subscriptions.models import Subscription
from masthead.testing.newsroom import make_article
from masthead.testing.subscriptions import make_plan

pytestmark = pytest.mark.django_db

FORM = {"name": "Asha Rao", "state_code": "29", "gstin": "", "code": "", "offer_shown": ""}


def test_sending_the_checkout_form_again_and_again_keeps_one_cache_entry(django_user_model):
    make_plan(name="Smart Quarterly", slug="smart-quarterly", price_minor=900_00, term_months=3)
    story = make_article(headline="Inside the rate decision")
    reader = Client()
    reader.force_login(django_user_model.objects.create_user(username="m", email="m@example.test", password="x" * 20))

    for _ in range(20):
        assert reader.post(f"/subscribe/smart-quarterly/?story={story.pk}", FORM).status_code == 302

    checkouts = list(Subscription.objects.values_list("pk", flat=True))
    assert len(checkouts) == 20  # one pending, nineteen replaced
    kept = [pk for pk in checkouts if cache.get(CHECKOUT_KEY.format(pk)) is not None]
    assert len(kept) <= 1
    # The reader's one entry is their pending checkout's, the last sent.
    (user_id,) = set(Subscription.objects.values_list("user_id", flat=True))
    assert cache.get(CHECKOUT_KEY.format(user_id))[0] == max(checkouts)


def test_a_checkout_loop_does_not_lift_the_limit_on_password_guesses(django_user_model):
    from django.core.cache import caches
    from django.core.management import call_command
    from django.test import override_settings

    make_plan(name="Smart Quarterly", slug="smart-quarterly", price_minor=900_00, term_months=3)
    story = make_article(headline="Inside the rate decision")
    django_user_model.objects.create_user(username="victim", email="victim@example.test", password="the victim's password")
    small = {"default": {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": "masthead_cache",
                         "OPTIONS": {"MAX_ENTRIES": 40}}}  # the site's is 200,000: the same, at a test's scale
    # The site without Redis: this cache, and sessions in the database.
    with override_settings(CACHES=small, SESSION_ENGINE="django.contrib.sessions.backends.db"):
        call_command("createcachetable", verbosity=0)  # a site on Redis has none: the database cache is the default
        caches["default"].clear()
        attacker = Client()
        attacker.force_login(django_user_model.objects.create_user(username="m", email="m@example.test", password="x" * 20))
        guesser = Client()
        for n in range(5):
            guesser.post("/accounts/login/", {"login": "victim@example.test", "password": f"guess {n}"})
        locked = guesser.post("/accounts/login/", {"login": "victim@example.test", "password": "the victim's password"})
        assert locked.status_code != 302, "five wrong guesses lock the account's log-in for a while"

        for _ in range(80):
            attacker.post(f"/subscribe/smart-quarterly/?story={story.pk}", FORM)

        again = guesser.post("/accounts/login/", {"login": "victim@example.test", "password": "the victim's password"})
        assert again.status_code != 302, "the lock on password guesses was culled from the cache"
