from django.db.models import QuerySet

from .models import Benefit, Plan


def plans_on_sale() -> QuerySet[Plan]:
    return Plan.objects.filter(is_active=True)


def benefits_shown() -> QuerySet[Benefit]:
    return Benefit.objects.filter(is_active=True)
