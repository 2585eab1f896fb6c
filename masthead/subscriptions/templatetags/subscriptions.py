from django import template

from masthead.metering.events import funnel_visit_via

from ..selectors import benefits_shown, plan_chosen_at_checkout, plans_listed

register = template.Library()


@register.inclusion_tag("subscriptions/_offer.html")
def paywall_offer(story_id: int | None = None, plan_order: tuple[str, ...] = (), offer_id: int | None = None):
    """The plans on sale and what they include, under anything kept for
    subscribers (a gated article, an e-paper page). A tag, so the pages that
    show it need not know subscriptions, and the plans are asked for only
    when a page really reaches its paywall. Under an article (``story_id``)
    each plan's button names the story, so choosing one counts as the
    funnel's "subscribe clicked" and checkout can bring the reader back; the
    link carries where the visit came from (``via``), as the story page's own
    Referer will not say. ``plan_order``: the plans' slugs in the order the
    reader's paywall lists them (an experiment's arm), the rest after;
    ``offer_id``: the offer the reader's arm shows on them, while it is open."""
    via = funnel_visit_via()
    query = f"?from={int(story_id)}" + (f"&via={via}" if via else "") if story_id else ""
    plans, offer = plans_listed(order=plan_order, offer_id=offer_id)
    return {"plans": plans, "offer": offer, "benefits": benefits_shown(), "checkout_query": query}


@register.simple_tag
def funnel_via() -> str:
    """``&via=<class>`` for a subscribe link under a story: where the visit
    came from, for the funnel (the next page's Referer is this site)."""
    via = funnel_visit_via()
    return f"&via={via}" if via else ""


@register.inclusion_tag("subscriptions/_chosen_plan.html", takes_context=True)
def chosen_plan(context):
    """Beside log-in and sign-up on the way to checkout: the plan the reader
    chose, named and priced from our own plans (``next`` carries it: in the
    address, then in the form's hidden field once the form is sent)."""
    request = context.get("request")
    next_url = (request.POST.get("next") or request.GET.get("next") or "") if request else ""
    return {"plan": plan_chosen_at_checkout(next_url)}
