"""The edge's receipt leaves the browser with a sign-in or sign-out."""

from .services import forget_receipt

# Set on the request by the sign-in and sign-out signals (signals.py).
RECEIPT_STALE = "_edge_receipt_stale"


class EdgeReceiptMiddleware:
    """Signing in or out changes whose meter judges the browser (the
    account's, an experiment's arm tied to it): a receipt from before would
    have the edge replay a decision that is no longer the reader's. Deleted
    with the response that signs in or out; the next article page gives a
    new one."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if getattr(request, RECEIPT_STALE, False):
            forget_receipt(request, response)
        return response
