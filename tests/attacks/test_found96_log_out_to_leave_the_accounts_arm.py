"""A signed-in reader stopped by their account's arm reads on by logging
out: the browser then decides by its own arm, with a bigger allowance.

What an attacker does: their account is in the "Three" arm (its own id put
it there, on the first story they read signed in). Having read three
stories, they are stopped. In the same browser they log out. The log-out
carries the account's count back into the browser's period precisely so
that logging out hands back no free articles (metering/services.py
``meter_carry_back``), and without an experiment it does not. But the
anonymous browser is a reader of its own for the experiment, put in the
"Five" arm by its own id: the same three articles counted, two more free.

Harm for the publisher: the arm's allowance is lifted by a log-out (and
the person is counted in both arms); the meter's own guard against
logging out for more articles is undone by the experiment.
"""

import pytest

from masthead.experiments.models import Exposure
from masthead.experiments.tests.factories import anonymous_ids_in_half, browser_of, bucket_by_hand, make_allowance_experiment
from masthead.testing.metering import set_meter
from masthead.testing.newsroom import make_article

pytestmark = pytest.mark.django_db

KEY = "allowance-five-or-three"
FULL = "Second paragraph of the story."
PASSWORD = "a fine long password"


def _full(browser, story) -> bool:
    return FULL in browser.get(story.get_absolute_url()).text


def test_logging_out_gives_no_more_free_articles_than_the_accounts_arm(django_user_model):
    set_meter(free_limit=5)
    experiment = make_allowance_experiment(arms={"Five": 5, "Three": 3}, key=KEY)
    stories = [make_article(headline=f"Story {n}") for n in range(5)]
    account_pk = next(pk for pk in range(1000, 2000) if bucket_by_hand(KEY, f"u:{pk}") >= 5_000)  # "Three"
    django_user_model.objects.create_user(id=account_pk, username="asha", email="asha@example.test", password=PASSWORD)

    (browser_id,) = anonymous_ids_in_half(KEY, first_half=True, count=1)  # this browser's own id: "Five"
    browser = browser_of(browser_id)
    assert browser.post("/accounts/login/", {"login": "asha@example.test", "password": PASSWORD}).status_code == 302
    assert [_full(browser, story) for story in stories[:4]] == [True, True, True, False]
    assert Exposure.objects.get(experiment=experiment, user_id=account_pk).arm.name == "Three"

    browser.post("/accounts/logout/")
    assert "_auth_user_id" not in browser.session
    # The account's three articles went back with the log-out; the arm that stopped them still stops them.
    assert [_full(browser, story) for story in stories[3:5]] == [False, False]
