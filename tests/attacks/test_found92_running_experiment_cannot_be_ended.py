"""Business staff cannot end (or rename) an experiment once it has started.

docs/desk.md: once an experiment has started "only its name and end can
change (ending it early is allowed)", and the admin shows those two fields
as editable. But saving the change page of a started experiment validates
every existing arm's form, and Arm.clean refuses any arm of a started
experiment ("its arms can no longer change") even though nothing in the
arms was sent or changed. So the save is refused and the end stays.

Harm for the publisher: an experiment that turns out to hurt (an arm that
gives too many free articles and leaks the paywall, or too few and drives
readers away) keeps running to its planned end; the only way out is to
delete it with all its exposures and conversions.
"""

from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.test import Client
from django.utils import timezone

from masthead.experiments.models import Experiment
from masthead.experiments.tests.factories import make_allowance_experiment
from masthead.testing.accounts import make_staff

pytestmark = pytest.mark.django_db


def test_business_staff_end_a_running_experiment_early():
    experiment = make_allowance_experiment(arms={"Five": 5, "Three": 3})
    business = make_staff(username="sales")
    business.groups.add(Group.objects.get(name="Business"))
    browser = Client()
    browser.force_login(business)
    page = browser.get(f"/admin/experiments/experiment/{experiment.pk}/change/")
    assert 'name="ends_at_0"' in page.text  # offered as editable

    arms = list(experiment.arms.all())
    end = timezone.localtime(timezone.now() + timedelta(hours=2)).replace(microsecond=0)
    response = browser.post(
        f"/admin/experiments/experiment/{experiment.pk}/change/",
        {
            "name": "Ended early", "ends_at_0": end.strftime("%Y-%m-%d"), "ends_at_1": end.strftime("%H:%M:%S"),
            "arms-TOTAL_FORMS": "2", "arms-INITIAL_FORMS": "2", "arms-MIN_NUM_FORMS": "0", "arms-MAX_NUM_FORMS": "1000",
            "arms-0-id": str(arms[0].pk), "arms-0-experiment": str(experiment.pk),
            "arms-1-id": str(arms[1].pk), "arms-1-experiment": str(experiment.pk),
        },
    )  # fmt: skip
    assert response.status_code == 302, "the change was refused"
    experiment = Experiment.objects.get(pk=experiment.pk)
    assert experiment.name == "Ended early" and experiment.ends_at == end
