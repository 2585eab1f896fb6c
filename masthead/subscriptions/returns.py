"""Back to the story: a reader who subscribes from a story's paywall is
offered, on the welcome page, to continue reading it.

The story comes from the subscribe link (an article id, nothing else) and
is kept in the session with the subscription it was bought with. Subscriptions
does not know articles: newsroom registers how to find a live one
(``story_finder_register``, in its AppConfig.ready()). A reader is only ever
offered a link to a live story, built from the story itself: never an address
from the request, a draft, a story not yet published, or a page off the site.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.utils.http import url_has_allowed_host_and_scheme

# Where checkout keeps the story between the plan's page and the welcome page.
RETURN_STORY_KEY = "masthead_return_story"


@dataclass(frozen=True)
class StoryLink:
    headline: str
    path: str


# Newsroom's finder, once registered; without one no story is offered.
_finders: dict[str, Callable[[int], StoryLink | None]] = {}


def story_finder_register(finder: Callable[[int], StoryLink | None]) -> None:
    """``finder(article_id)`` gives the live story's headline and path, or None."""
    _finders["live_story"] = finder


def story_keep(session, *, subscription_id: int, article_id: int | None) -> None:
    """Remember which story this checkout began from (or that none did)."""
    if article_id is None:
        session.pop(RETURN_STORY_KEY, None)
    else:
        session[RETURN_STORY_KEY] = {"subscription": subscription_id, "article": article_id}


def live_story(article_id: int) -> StoryLink | None:
    """The live story with this id, or None: a draft, a story not yet
    published, no such story, or no finder registered."""
    find = _finders.get("live_story")
    return find(article_id) if find is not None else None


def story_to_continue(session, *, subscription_id: int) -> StoryLink | None:
    """The story to offer a new subscriber: the one their checkout of this
    very subscription began from, if it is live, at a path on this site."""
    kept = session.get(RETURN_STORY_KEY)
    if not isinstance(kept, dict) or kept.get("subscription") != subscription_id:
        return None
    article_id = kept.get("article")
    if type(article_id) is not int:
        return None
    story = live_story(article_id)
    if story is None or not story.path.startswith("/"):
        return None
    if not url_has_allowed_host_and_scheme(story.path, allowed_hosts=None):
        return None
    return story
