from django.utils.functional import SimpleLazyObject

from .readers import reader_from_request, remember_reader


class ReaderMiddleware:
    """Puts ``request.reader`` on every request, lazily, and hands a new
    anonymous reader their cookie only when the meter actually used it, and
    anyone a new one when the meter changed their receipt."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        resolved = {}

        def resolve():
            resolved["reader"] = reader_from_request(request)
            return resolved["reader"]

        request.reader = SimpleLazyObject(resolve)
        response = self.get_response(request)
        reader = resolved.get("reader")
        if reader is not None and ((reader.minted and reader.key_used) or reader.receipt_changed):
            remember_reader(response, reader)
        return response
