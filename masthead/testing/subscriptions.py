"""Plans for tests."""

from masthead.subscriptions.models import Plan

from .numbers import next_number


def make_plan(**fields):
    n = next_number()
    fields.setdefault("name", f"Plan {n}")
    fields.setdefault("slug", f"plan-{n}")
    fields.setdefault("price_minor", 90000)
    fields.setdefault("term_months", 3)
    return Plan.objects.create(**fields)
