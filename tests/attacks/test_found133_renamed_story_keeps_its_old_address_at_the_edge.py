"""A story whose address is changed (its slug edited) and its text
corrected in the same save goes on being served, uncorrected, at its old
address through the edge for MASTHEAD_EDGE_PAGE_SECONDS (two minutes),
after the origin itself answers 404 there.

The save purges the story's pages from the edge (xkey story-<id>: the old
address's too), but drops only the new slug's entry from the article cache
(newsroom/cache.py, article_changed: ``instance.slug`` is the new one). The
next reader the edge serves at the old address makes it ask for the
variant again, and the fill (_edge_fill, via live_article) finds the old
slug's entry, the story as it was, in the cache of every process, the
saving one included. The edge keeps that page; the origin's own copy
expires after ARTICLE_SECONDS.

What should happen: once the change is saved, the edge never serves the
story as it was (purge within a second): the old address is a 404 (or the
new one's page), as the origin answers once its cache catches up.
"""

import pytest
import requests

from masthead.newsroom import cache
from masthead.testing.newsroom import BEYOND_LEAD_IN, make_story_with_hidden_sentence

from masthead.testing.edge import session_cookies

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_renamed_and_corrected_story_is_not_served_as_it_was_at_its_old_address(edge, live_server, django_user_model):
    story = make_story_with_hidden_sentence(slug="minister-letter")
    subscriber = django_user_model.objects.create_user(
        username="sub", email="sub@example.test", password="a fine long password", complimentary_access=True
    )
    browser = requests.Session()
    browser.cookies.update(session_cookies(subscriber))
    old = edge + story.get_absolute_url()
    assert BEYOND_LEAD_IN in browser.get(old).text
    assert browser.get(old).headers.get("X-Edge", "").startswith("subscriber")

    story.slug = "minister-letter-corrected"
    story.body = story.body.replace(BEYOND_LEAD_IN, "The letter was sent to the committee.")
    story.save()  # purges the edge once committed
    browser.get(old)  # a reader at the old address: the edge fills it again
    # ARTICLE_SECONDS later every process's copy of the old slug has expired.
    cache.local_cache.delete("newsroom:article:minister-letter")
    assert requests.get(live_server.url + "/articles/minister-letter/").status_code == 404

    later = browser.get(old)
    assert BEYOND_LEAD_IN not in later.text, f"the old text at the old address, from the edge ({later.headers.get('X-Edge')})"
