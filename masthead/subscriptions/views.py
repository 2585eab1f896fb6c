from django.shortcuts import render

from masthead.metering.events import funnel_event_record
from masthead.metering.models import FunnelEventKind

from . import selectors


def plans(request):
    article_id = request.GET.get("from", "")
    if article_id.isdigit():
        # Arrived from a paywall or meter notice: the funnel's third step.
        funnel_event_record(kind=FunnelEventKind.SUBSCRIBE_CLICKED, article_id=int(article_id))
    return render(
        request,
        "subscriptions/plans.html",
        {"plans": selectors.plans_on_sale(), "benefits": selectors.benefits_shown()},
    )
