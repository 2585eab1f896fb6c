from django import template

from ..selectors import benefits_shown, plans_on_sale

register = template.Library()


@register.inclusion_tag("subscriptions/_offer.html")
def paywall_offer(story_id: int | None = None):
    """The plans on sale and what they include, under anything kept for
    subscribers (a gated article, an e-paper page). A tag, so the pages that
    show it need not know subscriptions, and the plans are asked for only
    when a page really reaches its paywall. Under an article (``story_id``)
    each plan's button names the story, so choosing one counts as the
    funnel's "subscribe clicked" and checkout can bring the reader back."""
    return {
        "plans": plans_on_sale(),
        "benefits": benefits_shown(),
        "checkout_query": f"?from={int(story_id)}" if story_id else "",
    }
