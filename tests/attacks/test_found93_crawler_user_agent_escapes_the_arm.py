"""A reader whose arm gives fewer free articles than the site's setting
gets the setting's allowance back by claiming to be Googlebot.

What an attacker does: in the "Three" arm of a free-allowance experiment
(the site's setting is five), they read three stories and meet the paywall.
They switch their browser's user-agent to Googlebot's (one click in any
user-agent extension), keeping their reader cookie, and reload. Any request
whose user-agent *claims* a crawler is left out of every experiment, even
when the claim fails verification (experiments/services.py `excluded`),
so the meter now decides by the staff setting: the same reader, with the
same three articles counted, reads two more in full.

Harm for the publisher: an arm's allowance is a suggestion anyone can opt
out of; readers who do are still counted in the arm they left (their
exposure stays), so the experiment measures a smaller difference than the
arms really give, and the cheaper arm leaks full text. The claim alone is
supposed to grant nothing (access/readers.py: "The claim alone grants
nothing").
"""

import pytest

from masthead.experiments.models import Exposure
from masthead.experiments.tests.factories import anonymous_ids_in_half, browser_of, make_allowance_experiment
from masthead.testing.crawlers import GOOGLEBOT_UA
from masthead.testing.metering import set_meter
from masthead.testing.newsroom import make_article

pytestmark = pytest.mark.django_db

KEY = "allowance-five-or-three"
FULL = "Second paragraph of the story."
PAYWALL = "Subscribe now for unlimited access."


def test_claiming_to_be_googlebot_does_not_lift_the_arms_allowance():
    set_meter(free_limit=5)
    experiment = make_allowance_experiment(arms={"Five": 5, "Three": 3}, key=KEY)
    stories = [make_article(headline=f"Story {n}") for n in range(5)]
    (reader_id,) = anonymous_ids_in_half(KEY, first_half=False, count=1)  # the "Three" arm
    browser = browser_of(reader_id)
    for story in stories[:3]:
        page = browser.get(story.get_absolute_url(), REMOTE_ADDR="198.51.100.20").text
        assert FULL in page
    blocked = browser.get(stories[3].get_absolute_url(), REMOTE_ADDR="198.51.100.20").text
    assert "You’ve reached your limit of 3 free articles this month." in blocked
    assert Exposure.objects.get(experiment=experiment).arm.name == "Three"

    # Same browser, same cookie, from the same (not Google's) address: only the user-agent changed.
    response = browser.get(stories[3].get_absolute_url(), HTTP_USER_AGENT=GOOGLEBOT_UA, REMOTE_ADDR="198.51.100.20")
    assert "no-store" not in response["Cache-Control"]  # not taken for a verified crawler
    again = response.text
    assert FULL not in again and PAYWALL in again
