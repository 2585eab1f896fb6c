from django import template

from masthead.subscriptions.entitlement import is_subscriber

from ..selectors import newsletter_choices as choices_for

register = template.Library()


@register.inclusion_tag("newsletters/_choices.html", takes_context=True)
def newsletter_choices(context):
    """The account page's newsletter section, so the account view needs no change."""
    request = context["request"]
    reader = getattr(request, "reader", None)
    subscriber = reader.is_subscriber if reader is not None else is_subscriber(request.user)
    return {
        "choices": choices_for(user=request.user, subscriber=subscriber),
        "subscriber": subscriber,
        "csrf_token": context.get("csrf_token"),
    }
