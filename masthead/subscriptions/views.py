from django.shortcuts import render

from . import selectors


def plans(request):
    return render(
        request,
        "subscriptions/plans.html",
        {"plans": selectors.plans_on_sale(), "benefits": selectors.benefits_shown()},
    )
