"""Staff's two-step actions in the admin, as a browser posts them."""

import re
from html import unescape

PAYMENTS = "/admin/payments/payment/"


def refund_confirmation(browser, payment_ids: list[int]) -> dict:
    """Ask to refund ``payment_ids`` and return the confirmation page's form,
    ready to post ("Yes, refund"), with what it said each refund does."""
    page = browser.post(PAYMENTS, {"action": "refund", "_selected_action": payment_ids})
    form: dict = {}
    for name, value in re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', page.text):
        form.setdefault(name, []).append(unescape(value))
    return {name: values if len(values) > 1 or name == "_selected_action" else values[0] for name, values in form.items()}
