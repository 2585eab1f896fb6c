"""A story unpublished (or made premium, or corrected) is purged from the
edge, then filled again at once from a web process whose article cache
still holds it as it was, and the edge keeps that copy for
MASTHEAD_EDGE_PAGE_SECONDS (two minutes), long after every process has
forgotten it.

Each web process keeps an article by slug for ARTICLE_SECONDS (newsroom/
cache.py); a save drops the entry only in the saving process. The purge is
sent as the change commits, and the next reader the edge serves makes it
ask for the variant again: the fill (_edge_fill, via live_article) is
answered from the article cache, so in any other process it renders the
story as it was before the change. The origin itself is stale for ten
seconds at most; the edge turns those seconds into two minutes.

Seen against the running stack (two web workers): a story unpublished from
a shell was served ``X-Edge: subscriber hit`` 17.5 s later, when the origin
answered 404 for it.

Here the other web process is this one's article cache holding the story as
it was when the change was saved (the live server runs in this process, so
its own save would otherwise drop it).

What should happen: once the change is saved, the edge never again serves
the story as it was (purge within a second): a fill does not read the
per-process cache, or a refill in that window is not kept.
"""

import pytest
import requests

from masthead.core.localcache import local_cache
from masthead.newsroom import cache
from masthead.newsroom.models import ArticleStatus
from masthead.testing.newsroom import BEYOND_LEAD_IN, make_story_with_hidden_sentence

from masthead.testing.edge import session_cookies

pytestmark = pytest.mark.django_db(transaction=True)


def test_an_unpublished_story_is_not_served_by_the_edge_after_every_cache_forgot_it(edge, live_server, django_user_model):
    story = make_story_with_hidden_sentence()
    subscriber = django_user_model.objects.create_user(
        username="sub", email="sub@example.test", password="a fine long password", complimentary_access=True
    )
    browser = requests.Session()
    browser.cookies.update(session_cookies(subscriber))
    url = story.get_absolute_url()
    assert BEYOND_LEAD_IN in browser.get(edge + url).text
    assert browser.get(edge + url).headers.get("X-Edge", "").startswith("subscriber")
    as_it_was = cache.article_by_slug(story.slug)

    story.status = ArticleStatus.DRAFT
    story.save()  # purges the edge once committed
    # Another web process read the story a moment ago: its cache still holds it.
    local_cache.set(f"newsroom:article:{story.slug}", as_it_was, cache.ARTICLE_SECONDS)
    browser.get(edge + url)
    local_cache.clear()  # ...and then forgets it, ARTICLE_SECONDS later
    assert requests.get(live_server.url + url).status_code == 404

    later = browser.get(edge + url)
    assert BEYOND_LEAD_IN not in later.text, f"unpublished, still served by the edge ({later.headers.get('X-Edge')})"
