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
