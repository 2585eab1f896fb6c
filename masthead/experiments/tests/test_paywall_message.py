"""An experiment of the paywall's message: each arm's readers meet its words
under the meter's paywall, and only there; the page cache never hands one
arm's words to another's reader."""

import pytest

from masthead.experiments.models import Exposure
from masthead.testing.metering import set_meter
from masthead.testing.newsroom import PAYWALL_TEXT, make_article

from .factories import anonymous_ids_in_half, browser_of, bucket_by_hand, make_allowance_experiment, make_message_experiment

pytestmark = pytest.mark.django_db
KEY = "message-test"
NEW_WORDS = "Back our reporting <b>from ₹225 a month</b>."


def test_each_arm_meets_its_own_words_under_the_paywall_and_the_cache_keeps_them_apart():
    set_meter(free_limit=1)
    experiment = make_message_experiment(messages={"Site's words": PAYWALL_TEXT, "Back us": NEW_WORDS}, key=KEY)
    first, second = make_article(headline="First"), make_article(headline="Second")
    (control_id,) = anonymous_ids_in_half(KEY, first_half=True, count=1)
    (other_id,) = anonymous_ids_in_half(KEY, first_half=False, count=1)

    pages = {}
    for reader_id in (other_id, control_id):  # the arm's page is cached first
        browser = browser_of(reader_id)
        assert PAYWALL_TEXT not in browser.get(first.get_absolute_url()).text  # the free article: no paywall
        pages[reader_id] = browser.get(second.get_absolute_url()).text

    assert "Back our reporting &lt;b&gt;from ₹225 a month&lt;/b&gt;." in pages[other_id]  # escaped, as any text
    assert PAYWALL_TEXT not in pages[other_id]
    assert PAYWALL_TEXT in pages[control_id] and "Back our reporting" not in pages[control_id]
    assert "You’ve reached your limit of 1 free article this month." in pages[other_id]
    assert dict(Exposure.objects.filter(experiment=experiment).values_list("reader", "arm__name")) == {
        f"a:{control_id}": "Site's words", f"a:{other_id}": "Back us"
    }


def test_premium_stories_keep_the_sites_words():
    set_meter(free_limit=5)
    make_message_experiment(messages={"Site's words": PAYWALL_TEXT, "Back us": NEW_WORDS}, key=KEY)
    premium = make_article(headline="Premium", is_premium=True)
    (other_id,) = anonymous_ids_in_half(KEY, first_half=False, count=1)
    page = browser_of(other_id).get(premium.get_absolute_url()).text
    assert PAYWALL_TEXT in page and "Back our reporting" not in page


def test_an_allowance_and_a_message_run_side_by_side():
    set_meter(free_limit=5)
    make_allowance_experiment(arms={"Five": 5, "None": 0}, key="allowance-beside")
    make_message_experiment(messages={"Site's words": PAYWALL_TEXT, "Back us": NEW_WORDS}, key=KEY)
    # A reader in the second half of both: no free articles, and the new words.
    reader_id = next(
        f"{n:032x}" for n in range(1000)
        if bucket_by_hand("allowance-beside", f"a:{n:032x}") >= 5_000 and bucket_by_hand(KEY, f"a:{n:032x}") >= 5_000
    )  # fmt: skip
    page = browser_of(reader_id).get(make_article(headline="Story").get_absolute_url()).text
    assert "Back our reporting" in page and PAYWALL_TEXT not in page
    assert set(Exposure.objects.filter(reader=f"a:{reader_id}").values_list("arm__name", flat=True)) == {"None", "Back us"}
