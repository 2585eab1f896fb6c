"""A running experiment can be "ended early" at a moment in the past, before
readers it has already counted met it: its record then says it ended
before the readers (and payments) it counts.

Once an experiment has started, only its name and end may change ("ending
it early is allowed", docs/desk.md). The end is checked only against the
start, so Business staff can put it anywhere after the start: an hour
after it, yesterday. Nothing it counted goes: the results still hold every
exposure and conversion recorded since, now dated after its end, and
the page reports a window the numbers did not come from. The rule of one
experiment per variable at a time is then checked against the rewritten
dates too, so a second experiment of the same variable can be dated over
hours in which the first was still running.

What staff do: end a running experiment "an hour after it began", so
that its record shows a short, tidy run whose numbers in fact came from
a longer one (or backdate it to make room for the next experiment).

What should happen: an experiment that has started can be ended now at
the earliest; its past is not rewritten.
"""

from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.test import Client
from django.utils import timezone

from masthead.experiments.models import Experiment, Exposure
from masthead.experiments.services import exposure_record
from masthead.experiments.tests.factories import make_allowance_experiment
from masthead.testing.accounts import make_staff

pytestmark = pytest.mark.django_db


def test_a_running_experiment_cannot_be_ended_before_the_readers_it_counted():
    now = timezone.now()
    experiment = make_allowance_experiment(arms={"Five": 5, "Three": 3}, starts_at=now - timedelta(hours=3))
    arms = list(experiment.arms.all())
    exposure_record(experiment_id=experiment.pk, arm_id=arms[0].pk, reader_id="a:" + "1" * 32, user_id=None, now=now)

    business = make_staff(username="sales")
    business.groups.add(Group.objects.get(name="Business"))
    browser = Client()
    browser.force_login(business)
    end = timezone.localtime(now - timedelta(hours=2)).replace(microsecond=0)  # before the reader above met it
    browser.post(
        f"/admin/experiments/experiment/{experiment.pk}/change/",
        {
            "name": "Free allowance", "ends_at_0": end.strftime("%Y-%m-%d"), "ends_at_1": end.strftime("%H:%M:%S"),
            "arms-TOTAL_FORMS": "2", "arms-INITIAL_FORMS": "2", "arms-MIN_NUM_FORMS": "0", "arms-MAX_NUM_FORMS": "1000",
            "arms-0-id": str(arms[0].pk), "arms-0-experiment": str(experiment.pk),
            "arms-1-id": str(arms[1].pk), "arms-1-experiment": str(experiment.pk),
        },
    )  # fmt: skip

    experiment = Experiment.objects.get(pk=experiment.pk)
    counted_after_the_end = Exposure.objects.filter(experiment=experiment, exposed_at__gte=experiment.ends_at)
    assert experiment.ends_at >= now, f"ended at {experiment.ends_at}, with {counted_after_the_end.count()} reader(s) counted after it"
