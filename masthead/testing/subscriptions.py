"""Plans for tests."""

from datetime import timedelta

from django.utils import timezone

from masthead.subscriptions.models import Offer, Plan

from .numbers import next_number


def make_plan(**fields):
    n = next_number()
    fields.setdefault("name", f"Plan {n}")
    fields.setdefault("slug", f"plan-{n}")
    fields.setdefault("price_minor", 90000)
    fields.setdefault("term_months", 3)
    return Plan.objects.create(**fields)


def make_offer(*plans, **fields):
    """An offer open now for ``plans``: 50% off the first term unless told otherwise."""
    fields.setdefault("name", "Welcome offer")
    fields.setdefault("kind", "percent")
    fields.setdefault("value", 50)
    fields.setdefault("terms", 1)
    fields.setdefault("starts_at", timezone.now() - timedelta(days=1))
    offer = Offer.objects.create(**fields)
    offer.plans.set(plans)
    return offer


def make_smart_plans() -> dict[str, Plan]:
    """Three plans to change between, in the plans page's order: Smart
    Monthly (₹300), Smart Quarterly (₹900 for 3 months), Smart Yearly (₹2,700)."""
    return {
        "monthly": make_plan(name="Smart Monthly", slug="smart-monthly", price_minor=300_00, term_months=1, position=1),
        "quarterly": make_plan(name="Smart Quarterly", slug="smart-quarterly", price_minor=900_00, term_months=3, position=2),
        "yearly": make_plan(name="Smart Yearly", slug="smart-yearly", price_minor=2700_00, term_months=12, position=3),
    }
