"""An arm changes only the decision's inputs: with an arm of N free articles
the one decision answers exactly as it does with the setting at N."""

from datetime import timedelta

import pytest
from django.utils import timezone

from masthead.access.readers import anonymous_reader
from masthead.access.services import article_access, full_text_scope
from masthead.experiments.models import Exposure
from masthead.testing.metering import set_meter
from masthead.testing.newsroom import make_article

from .factories import anonymous_ids_in_half, bucket_by_hand, make_allowance_experiment

pytestmark = pytest.mark.django_db
KEY = "allowance-decision"


def _decisions(reader_id, stories, now):
    decisions = []
    for story in stories + stories[:2]:  # on to the paywall, then re-reading
        reader = anonymous_reader(reader_id)
        decisions.append(article_access(reader=reader, article=story, now=now))
    return decisions


@pytest.mark.parametrize("allowance", [0, 1, 3, 8])
def test_an_arms_allowance_decides_exactly_as_the_setting_at_that_number(allowance):
    now = timezone.now()
    stories = [make_article(headline=f"Story {n}") for n in range(10)]
    set_meter(free_limit=allowance)
    (plain,) = anonymous_ids_in_half(KEY, first_half=False, count=1, skip=5_000)
    as_setting = _decisions(plain, stories, now)

    set_meter(free_limit=5)
    make_allowance_experiment(arms={"control": 5, "other": allowance}, key=KEY)
    (in_arm,) = anonymous_ids_in_half(KEY, first_half=False, count=1)
    as_arm = _decisions(in_arm, stories, now)

    assert as_arm == as_setting
    assert Exposure.objects.get().reader == f"a:{in_arm}"


def test_the_holdout_and_readers_after_the_end_get_the_setting_and_no_exposure():
    now = timezone.now()
    set_meter(free_limit=2)
    stories = [make_article(headline=f"Story {n}") for n in range(3)]
    make_allowance_experiment(arms={"a": 4, "b": 6}, holdout=100 - 2, percents=[1, 1], key=KEY)
    # The holdout is the first 98% of the buckets.
    reader_id = next(f"{n:032x}" for n in range(100) if bucket_by_hand(KEY, f"a:{n:032x}") < 9_800)
    assert [article_access(reader=anonymous_reader(reader_id), article=s, now=now).full_text for s in stories] == [True, True, False]
    later = now + timedelta(days=30)
    assert [article_access(reader=anonymous_reader("f" * 32), article=s, now=later).full_text for s in stories] == [True, True, False]
    assert not Exposure.objects.exists()


def test_search_answers_with_the_readers_arm_without_exposing_them():
    now = timezone.now()
    set_meter(free_limit=5)
    make_allowance_experiment(arms={"control": 5, "none": 0}, key=KEY)
    (reader_id,) = anonymous_ids_in_half(KEY, first_half=False, count=1)
    scope = full_text_scope(reader=anonymous_reader(reader_id, receipt=None), now=now)
    assert not scope.open_kinds - {kind for kind in scope.open_kinds if kind.exempt}  # the arm's 0: only always-free stories
    assert not Exposure.objects.exists()
