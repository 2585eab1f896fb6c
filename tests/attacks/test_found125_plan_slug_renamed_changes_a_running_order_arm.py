"""A started experiment's order of plans is read-only, but the plans it
names by slug are not: renaming a plan's slug in the plan admin changes the
arm mid-run, with nothing said.

docs/desk.md: once an experiment has started its arms are read-only,
"because readers were split and treated by them"; for the offer arm the
same hole was closed (an offer a running arm shows keeps its terms). An
order arm stores the plans' slugs as text ("annual, monthly"); a plan's
slug is an ordinary field of the plan's admin page, and an arm naming a
slug no plan has any more passes it over.

What happens: during "Annual first vs the site's order", someone on the
desk tidies the plan's address from "annual" to "annual-plan" (or any
rename). From that moment the "Annual first" arm lists the plans in the
site's order: its readers are treated as control under the arm's name, the
arm's page in the admin still reads "annual", and the result compares a
mixture nobody can see.

What should happen: a plan a running order arm names keeps its slug (the
plan admin refuses the rename with a sentence, as the offer's admin does),
or the arm follows the plan, not its text.
"""

import re

import pytest
from django.core.exceptions import ValidationError

from masthead.experiments.models import Variable
from masthead.experiments.services import forget_running_experiments
from masthead.experiments.tests.factories import anonymous_ids_in_half, browser_of, make_experiment
from masthead.subscriptions.models import Plan
from masthead.testing.subscriptions import make_plan

pytestmark = pytest.mark.django_db
KEY = "order-renamed"


def _listed(page: str) -> list[str]:
    return re.findall(r'<h3 class="plan__name">([^<]+)</h3>', page)


def test_a_running_order_arm_keeps_its_order_when_a_plan_is_renamed():
    Plan.objects.update(is_active=False)
    make_plan(name="Monthly", slug="monthly", price_minor=29900, term_months=1, position=1)
    annual = make_plan(name="Annual", slug="annual", price_minor=299900, term_months=12, position=2)
    make_experiment(
        variable=Variable.PLAN_ORDER,
        arms={"Site's order": {"plan_order": "monthly, annual"}, "Annual first": {"plan_order": "annual, monthly"}},
        key=KEY,
    )
    (annual_id,) = anonymous_ids_in_half(KEY, first_half=False, count=1)
    assert _listed(browser_of(annual_id).get("/subscribe/").text) == ["Annual", "Monthly"]

    # What the plan's admin page does on save: the model's own checks, then the write.
    annual.slug = "annual-plan"
    with pytest.raises(ValidationError) as refused:
        annual.full_clean()
    assert "cannot change until the experiment ends" in str(refused.value)
    assert Plan.objects.get(pk=annual.pk).slug == "annual"

    forget_running_experiments()  # as another process would see it within seconds
    later_reader_id = anonymous_ids_in_half(KEY, first_half=False, count=1, skip=10_000)[0]
    assert _listed(browser_of(later_reader_id).get("/subscribe/").text) == ["Annual", "Monthly"], (
        "the arm now lists the site's order under the name 'Annual first'"
    )
