from django import template

from ..display import invoice_amount

register = template.Library()


@register.filter(name="invoice_amount")
def invoice_amount_filter(money) -> str:
    return invoice_amount(money)
