"""A reader who used up the meter signed out, then signs in as a
subscriber on the same browser, is still judged by the edge as the
anonymous reader they were: the paywall on new stories, "This is your last
free article" on the ones they had read, ads and a signed-out header.

The edge looks only at its own cookies (mt_ent, mt_rcpt), never at the
session: signing in does not drop the receipt, and a subscriber is given an
entitlement only on a page the origin answers, which the edge no longer
lets through (every metered story is served from the receipt). The receipt
lasts up to MASTHEAD_EDGE_RECEIPT_SECONDS (an hour): a paying subscriber is
stopped at the paywall for that long, on a browser they just paid on.

What should happen: once signed in as a subscriber, the reader reads every
story in full through the edge, as the origin would show it.
"""

import pytest
import requests

from masthead.testing.metering import set_meter
from masthead.testing.newsroom import BEYOND_LEAD_IN, make_story_with_hidden_sentence

from masthead.testing.edge import session_cookies

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_subscriber_signed_in_after_the_meter_ran_out_reads_new_stories_in_full(edge, django_user_model):
    set_meter(free_limit=1)
    stories = [make_story_with_hidden_sentence(headline=f"Story {n}") for n in range(3)]
    browser = requests.Session()
    assert BEYOND_LEAD_IN in browser.get(edge + stories[0].get_absolute_url()).text
    assert BEYOND_LEAD_IN not in browser.get(edge + stories[1].get_absolute_url()).text
    assert "mt_rcpt" in browser.cookies

    subscriber = django_user_model.objects.create_user(
        username="sub", email="sub@example.test", password="a fine long password", complimentary_access=True
    )
    browser.cookies.update(session_cookies(subscriber))
    assert "Your account" in browser.get(edge + "/account/").text

    seen = {story.headline: browser.get(edge + story.get_absolute_url()) for story in stories[1:]}
    walled = {headline: page.headers.get("X-Edge") for headline, page in seen.items() if BEYOND_LEAD_IN not in page.text}
    assert not walled, f"a signed-in subscriber was shown the paywall by the edge: {walled}"
