"""A story taken down (unpublished) stays listed, headline and link, in the
"More from <section>" rail of its section's other stories as the edge keeps
them, for the pages' whole life (MASTHEAD_EDGE_PAGE_SECONDS).

Unpublishing purges the story's own pages (masthead/newsroom/cache.py,
article_changed: xkey story-<id>) and drops the section's rail from the
saving process's cache; the origin's own rendered pages keep the rail at
most PAGE_SECONDS (30 s, masthead/newsroom/views.py: "the time to live
bounds how stale the 'More from' rail ... may be"). But every other story's
page at the edge carries the rail as it was when filled, under its own key
only, nothing purges it, and it is kept four times as long.

What a reader sees: the desk pulls a story (a legal complaint, a wrong
name in the headline); a second later a subscriber (or a metered reader
re-reading a story) opens another story from the same section through the
edge and still sees the pulled story's headline and teaser, linking to a
page that is gone, for up to two minutes, long after the origin's own pages
dropped it.

What should happen: a story unpublished is gone from what the edge serves
within a second (docs: purges), its headline on other pages at the latest
when the origin's own pages drop it.
"""

import time

import pytest
import requests
from django.contrib.auth import get_user_model
from django.test import Client

from masthead.newsroom import views
from masthead.newsroom.models import ArticleStatus
from masthead.testing.newsroom import make_article, make_section, make_story_with_hidden_sentence

pytestmark = pytest.mark.django_db(transaction=True)


def test_an_unpublished_story_leaves_the_rail_of_its_sections_pages_at_the_edge(edge, live_server):
    section = make_section()
    pulled = make_article(section=section, headline="Minister named in land deal")
    story = make_story_with_hidden_sentence(section=section)
    user = get_user_model().objects.create_user(
        username="tara@example.test", email="tara@example.test", password="x" * 20, complimentary_access=True
    )
    client = Client()
    client.force_login(user)
    subscriber = requests.Session()
    subscriber.cookies.set("sessionid", client.cookies["sessionid"].value)
    subscriber.get(edge + story.get_absolute_url())
    token = {"mt_ent": subscriber.cookies["mt_ent"]}
    kept = requests.get(edge + story.get_absolute_url(), cookies=token)
    assert kept.headers.get("X-Edge", "").startswith("subscriber") and pulled.headline in kept.text

    pulled.status = ArticleStatus.DRAFT
    pulled.save()
    assert requests.get(edge + pulled.get_absolute_url()).status_code == 404
    time.sleep(views.PAGE_SECONDS + 1)  # the origin's rendered pages are all newer now
    origin = requests.get(live_server.url + story.get_absolute_url(), cookies={"sessionid": client.cookies["sessionid"].value})
    assert pulled.headline not in origin.text, "the origin's own page no longer lists it"
    later = requests.get(edge + story.get_absolute_url(), cookies=token)
    assert pulled.headline not in later.text, f"still listed on the page the edge served as {later.headers.get('X-Edge')!r}"
