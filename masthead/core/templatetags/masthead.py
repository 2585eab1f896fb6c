import json

from django import template
from django.core.serializers.json import DjangoJSONEncoder
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from masthead.core.periods import day_label as _day_label

register = template.Library()

# The same escapes Django's json_script uses: nothing inside the JSON can end
# the <script> element or start a comment.
_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


@register.filter
def ld_json(data) -> str:
    """Render structured data as a JSON-LD <script> block, safely escaped."""
    payload = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False).translate(_SCRIPT_ESCAPES)
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(payload))


@register.filter
def day_label(day) -> str:
    """A day as core.periods.day_label writes it, so a mail's subject (built
    in Python) and its body (a template) name the day alike."""
    return _day_label(day) if day else ""
