from django import template
from django.template.loader import render_to_string

from ..selectors import active_slots

register = template.Library()


@register.simple_tag(takes_context=True)
def ad_slot(context, position: str) -> str:
    """The ad for ``position``, or nothing at all (no empty box, no script)
    when the reader subscribes or the slot is off."""
    if not context.get("ads_enabled"):
        return ""
    slot = active_slots().get(position)
    if slot is None:
        return ""
    return render_to_string("ads/slot.html", {"slot": slot})
