"""Staff reading the site count in the paywall's funnel as readers: an
editor checking a story they just published adds story views and paywall
showings to it.

What happens: a Newsroom editor, signed in, opens their live story on the
site (not the preview) to check it, again after each correction. Every
view is counted as a "story view", and, as staff are not subscribers, as
"paywall shown" too. The experiments already leave staff out ("neither is
a reader who might subscribe": docs/desk.md), the funnel does not: the
stories a newsroom works on hardest, read most by its own staff, get the
lowest "paid per 1,000 views", and the top-stories table is decided by
the newsroom's own refreshes. Anyone made staff can move a story's
figures just by reading it.

What should happen: a staff account's reading records no funnel event,
as a verified crawler's records none.
"""

import pytest
from django.contrib.auth.models import Group
from django.db.models import Sum
from django.test import Client

from masthead.metering.events import funnel_events_flush
from masthead.metering.models import FunnelEvent
from masthead.testing.metering import set_meter
from masthead.testing.newsroom import make_article

pytestmark = pytest.mark.django_db


def test_an_editor_checking_a_live_story_counts_no_story_view_or_paywall(django_user_model):
    set_meter(free_limit=0)
    story = make_article(headline="Inside the rate decision")
    editor = django_user_model.objects.create_user(
        username="ed", email="ed@example.test", password="x" * 20, is_staff=True
    )
    editor.groups.add(Group.objects.get(name="Newsroom"))
    browser = Client()
    browser.force_login(editor)

    for _ in range(3):
        assert browser.get(story.get_absolute_url()).status_code == 200

    funnel_events_flush()
    counted = dict(FunnelEvent.objects.values_list("kind").annotate(n=Sum("count")))
    assert counted == {}
