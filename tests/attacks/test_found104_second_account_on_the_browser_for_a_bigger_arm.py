"""A reader stopped by their account's arm reads on by logging in, on the
same browser, with a second account whose id lands in a bigger arm.

The meter's carry guards against exactly this without an experiment: at
log-out the account's count goes back into the browser, "so a second
account signed up from it starts where this one stopped: signing up again
opens no more free articles" (access/signals.py). The browser's count does
go on to the second account, but the second account's limit is its own
arm's: an account in "Five" that inherits three articles read has two
more to read.

What an attacker does: their account is in "Three" and has read three
stories; they are stopped. They log out and sign up again (or log in with
an account they made before) from the same browser. Half of all new
accounts land in "Five": if this one does not, they try another. Two more
stories open, and the experiment counts them in both arms.

What should happen: as without an experiment, the second account starts
where the first stopped: the stories the first account was refused stay
refused.
"""

import pytest

from masthead.experiments.tests.factories import anonymous_ids_in_half, browser_of, bucket_by_hand, make_allowance_experiment
from masthead.testing.metering import set_meter
from masthead.testing.newsroom import make_article

pytestmark = pytest.mark.django_db

KEY = "allowance-second-account"
FULL = "Second paragraph of the story."
PASSWORD = "a fine long password"


def _full(browser, story) -> bool:
    return FULL in browser.get(story.get_absolute_url()).text


def test_a_second_account_on_the_same_browser_opens_no_more_free_articles(django_user_model):
    set_meter(free_limit=5)
    make_allowance_experiment(arms={"Five": 5, "Three": 3}, key=KEY)
    stories = [make_article(headline=f"Story {n}") for n in range(5)]
    in_three = next(pk for pk in range(1000, 2000) if bucket_by_hand(KEY, f"u:{pk}") >= 5_000)
    in_five = next(pk for pk in range(2000, 3000) if bucket_by_hand(KEY, f"u:{pk}") < 5_000)
    django_user_model.objects.create_user(id=in_three, username="first", email="first@example.test", password=PASSWORD)
    django_user_model.objects.create_user(id=in_five, username="second", email="second@example.test", password=PASSWORD)

    (browser_id,) = anonymous_ids_in_half(KEY, first_half=False, count=1)
    browser = browser_of(browser_id)
    assert browser.post("/accounts/login/", {"login": "first@example.test", "password": PASSWORD}).status_code == 302
    assert [_full(browser, story) for story in stories[:4]] == [True, True, True, False]  # stopped by "Three"

    browser.post("/accounts/logout/")
    assert browser.post("/accounts/login/", {"login": "second@example.test", "password": PASSWORD}).status_code == 302
    assert "_auth_user_id" in browser.session
    assert [_full(browser, story) for story in stories[3:5]] == [False, False]
