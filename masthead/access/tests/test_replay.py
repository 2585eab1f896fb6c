"""What of a decision the edge may replay, and the variants a story has."""

from datetime import timedelta

import pytest
from django.utils import timezone

from masthead.access.policy import Decision, Reason
from masthead.access.replay import metered_for, replayable_wall, story_metered, variant_decision, variant_visit_class
from masthead.testing.metering import set_meter
from masthead.testing.newsroom import make_article


@pytest.mark.parametrize(
    ("decision", "wall"),
    [
        (Decision(Reason.METER_EXHAUSTED, views=5, free_limit=5), "p5"),
        (Decision(Reason.METER_EXHAUSTED, views=5, free_limit=5, paywall_message="Try us"), "-"),
        (Decision(Reason.METER_EXHAUSTED, views=5, free_limit=5, plan_order=("yearly",)), "-"),
        (Decision(Reason.METER_EXHAUSTED, views=5, free_limit=5, offer_id=3), "-"),
        (Decision(Reason.METER_EXHAUSTED, views=999, free_limit=999), "p999"),
        (Decision(Reason.METER_EXHAUSTED, views=5, free_limit=1000), "-"),
        (Decision(Reason.REGISTRATION_WALL, views=5, free_limit=5, account_extra=3), "-"),
        (Decision(Reason.FREE_WITHIN_METER, views=5, free_limit=5), "-"),
        (Decision(Reason.ALREADY_COUNTED, views=5, free_limit=5), "-"),
        (Decision(Reason.PREMIUM), "-"),
    ],
)
def test_the_edge_replays_only_the_plain_paywall_of_a_used_up_meter(decision, wall):
    assert replayable_wall(decision) == wall


@pytest.mark.django_db
def test_a_variant_stands_for_one_decision_and_only_where_the_meter_judges():
    set_meter(free_limit=5, archive_age_days=30)
    now = timezone.now()
    metered = make_article()
    assert variant_decision(article=metered, variant="subscriber", now=now) == Decision(Reason.SUBSCRIBER)
    assert variant_decision(article=metered, variant="full:2-5:search", now=now) == Decision(
        Reason.ALREADY_COUNTED, views=2, free_limit=5
    )
    assert variant_decision(article=metered, variant="wall:p3", now=now) == Decision(
        Reason.METER_EXHAUSTED, views=3, free_limit=3
    )
    for story in (make_article(is_premium=True), make_article(meter_exempt=True),
                  make_article(published_ago=timedelta(days=30, seconds=5))):  # fmt: skip
        assert not story_metered(story, now=now)
        assert variant_decision(article=story, variant="full:1-5", now=now) is None
        assert variant_decision(article=story, variant="wall:p5", now=now) is None
        assert variant_decision(article=story, variant="subscriber", now=now) == Decision(Reason.SUBSCRIBER)
    young = make_article(published_ago=timedelta(days=29, hours=23), now=now)
    assert story_metered(young, now=now)
    assert metered_for(young, now=now) == timedelta(hours=1)


def test_a_paywall_variant_names_the_class_of_visit_it_is_kept_for():
    assert variant_visit_class("wall:p5:search") == "search"
    assert variant_visit_class("wall:p5") == ""
    assert variant_visit_class("full:1-5") == ""
    assert variant_visit_class("full:1-5:social") == "social"
    assert variant_visit_class("subscriber") == ""
