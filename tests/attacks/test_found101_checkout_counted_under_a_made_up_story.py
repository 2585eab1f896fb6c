"""Checkout counts "checkout started" (and later "paid") under whatever
story the address names with ``?story=``, live or not: a draft, a story not
yet out, an id no story has.

What an attacker does: a signed-in reader (any free account) sends the
checkout form to ``/subscribe/<plan>/?story=<id>`` with an id they chose:
an embargoed draft's, or a made-up one. Each sending makes a pending
subscription and counts "checkout started" under that id, and a payment on
it counts "paid" there too. A paywall only ever shows on a live story, and
the subscribe click is counted only for one (a hand-made link "still works
but counts nothing"); the two steps after it are not held to the same rule,
so the desk's funnel gets rows, by the hundred if wanted, for stories no
reader could have met a paywall on.

What should happen: a story that is not live is a hand-made link; the
checkout works and is counted under no story.
"""

import pytest
from django.db.models import Sum
from django.test import Client

from masthead.metering.events import funnel_events_flush
from masthead.metering.models import FunnelEvent, FunnelEventKind
from masthead.newsroom.models import ArticleStatus
from masthead.testing.newsroom import make_article
from masthead.testing.subscriptions import make_plan

pytestmark = pytest.mark.django_db

FORM = {"name": "Asha Rao", "state_code": "29", "gstin": "", "code": "", "offer_shown": ""}


def _started_by_story() -> dict:
    funnel_events_flush()
    rows = FunnelEvent.objects.filter(kind=FunnelEventKind.CHECKOUT_STARTED).values("article_id").annotate(n=Sum("count"))
    return {row["article_id"]: row["n"] for row in rows}


def test_checkout_naming_a_draft_or_no_story_counts_under_no_story(django_user_model):
    make_plan(name="Smart Quarterly", slug="smart-quarterly", price_minor=900_00, term_months=3)
    draft = make_article(headline="Embargoed until Friday", status=ArticleStatus.DRAFT, published_ago=None)
    reader = Client()
    reader.force_login(django_user_model.objects.create_user(username="m", email="m@example.test", password="x" * 20))

    for story_id in (draft.pk, 987654):
        assert reader.post(f"/subscribe/smart-quarterly/?story={story_id}", FORM).status_code == 302

    assert _started_by_story() == {None: 2}
